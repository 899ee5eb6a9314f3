import { Routes } from '@angular/router';

import { authGuard } from './core/guards/auth.guard';
import { AUTH_ROUTES } from './features/auth/auth.routes';
import { CHATS_ROUTES } from './features/chats/chats.routes';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [authGuard],
    title: 'nav.feed',
    loadComponent: () => import('./features/feed/pages/feed.page').then((m) => m.FeedPage),
  },
  {
    path: 'tags/:name',
    canActivate: [authGuard],
    title: 'posts.tag.pageTitle',
    loadComponent: () => import('./features/feed/pages/tag.page').then((m) => m.TagPage),
  },
  {
    path: 'posts/:id',
    canActivate: [authGuard],
    title: 'posts.page.title',
    loadComponent: () => import('./features/feed/pages/post.page').then((m) => m.PostPage),
  },
  {
    path: 'chats',
    canActivate: [authGuard],
    // The route tables of the entry pages (sign-in, register, chats) are part of the first bundle, a
    // few hundred bytes: the page chunks then start loading right after start-up, one round trip
    // sooner than behind a lazily loaded route table.
    children: CHATS_ROUTES,
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
    children: AUTH_ROUTES,
  },
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./shared/ui/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
