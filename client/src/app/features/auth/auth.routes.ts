import { Routes } from '@angular/router';

import { guestGuard } from '../../core/guards/guest.guard';
import { LoginPage } from './pages/login.page';
import { RegisterPage } from './pages/register.page';

/**
 * The account pages: only for visitors who are not signed in. Log in and register are where a
 * newcomer lands, so they ship in the first bundle (no second round trip before the first paint on
 * a phone); the rarer steps load on demand.
 */
export const AUTH_ROUTES: Routes = [
  {
    path: 'login',
    title: 'login.submit',
    canActivate: [guestGuard],
    component: LoginPage,
  },
  {
    path: 'register',
    title: 'menu.register',
    canActivate: [guestGuard],
    component: RegisterPage,
  },
  {
    path: 'confirm',
    title: 'confirm.title',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/confirm.page').then((m) => m.ConfirmPage),
  },
  {
    path: 'forgot-password',
    title: 'forgot.title',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'reset.title',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/reset-password.page').then((m) => m.ResetPasswordPage),
  },
];
