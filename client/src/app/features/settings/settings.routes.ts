import { Routes } from '@angular/router';

export const SETTINGS_ROUTES: Routes = [
  {
    path: '',
    title: 'settings.title',
    loadComponent: () => import('./pages/settings.page').then((m) => m.SettingsPage),
  },
];
