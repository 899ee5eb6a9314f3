import { Routes } from '@angular/router';

/**
 * The messenger under /chats (auth-guarded in app.routes.ts), each page loaded lazily: the shell
 * holds the room list and shows the open room (/chats/:roomId) beside it.
 */
export const CHATS_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.chats',
    loadComponent: () => import('./pages/chats-shell.page').then((m) => m.ChatsShellPage),
    children: [
      { path: '', loadComponent: () => import('./pages/no-room.page').then((m) => m.NoRoomPage) },
      { path: ':roomId', loadComponent: () => import('./pages/room.page').then((m) => m.RoomPage) },
    ],
  },
];
