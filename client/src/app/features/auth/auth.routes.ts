import { Routes } from '@angular/router';

import { guestGuard } from '../../core/guards/guest.guard';

/**
 * The account pages: only for visitors who are not signed in, each loaded on demand, so a signed-in
 * start (the messenger) does not download and run them and the forms library. Log in and register
 * are where a newcomer lands: index.html preloads their chunks when it opens on /login or /register
 * (scripts/preload-initial-chunks.mjs), beside the framework, so they cost no extra round trip.
 */
export const AUTH_ROUTES: Routes = [
  {
    path: 'login',
    title: 'login.submit',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'menu.register',
    canActivate: [guestGuard],
    loadComponent: () => import('./pages/register.page').then((m) => m.RegisterPage),
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
