import { Routes } from '@angular/router';

import { authGuard } from './core/guards/auth.guard';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [authGuard],
    title: 'nav.feed',
    loadComponent: () => import('./features/feed/pages/feed.page').then((m) => m.FeedPage),
  },
  {
    path: 'chats',
    canActivate: [authGuard],
    loadChildren: () => import('./features/chats/chats.routes').then((m) => m.CHATS_ROUTES),
  },
  {
    path: 'friends',
    canActivate: [authGuard],
    title: 'nav.friends',
    loadComponent: () => import('./features/friends/pages/friends.page').then((m) => m.FriendsPage),
  },
  {
    path: 'people',
    canActivate: [authGuard],
    title: 'nav.people',
    loadComponent: () => import('./features/people/pages/people.page').then((m) => m.PeoplePage),
  },
  {
    path: 'people/:id',
    canActivate: [authGuard],
    title: 'profile.viewTitle',
    loadComponent: () => import('./features/profile/pages/profile.page').then((m) => m.ProfilePage),
  },
  {
    path: 'profile',
    canActivate: [authGuard],
    title: 'menu.profile',
    loadComponent: () => import('./features/profile/pages/profile.page').then((m) => m.ProfilePage),
  },
  {
    path: 'settings',
    canActivate: [authGuard],
    loadChildren: () => import('./features/settings/settings.routes').then((m) => m.SETTINGS_ROUTES),
  },
  {
    path: '',
    loadChildren: () => import('./features/auth/auth.routes').then((m) => m.AUTH_ROUTES),
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./shared/ui/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
