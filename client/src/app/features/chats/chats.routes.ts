import { Routes } from '@angular/router';

/**
 * The messenger's routes, lazy-loaded under /chats (auth-guarded in app.routes.ts). The chat feature
 * replaces the placeholder page; live updates come from SocketService (core/socket).
 */
export const CHATS_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.chats',
    loadComponent: () => import('./pages/chats.page').then((m) => m.ChatsPage),
  },
];
