import { Routes } from '@angular/router';

import { authGuard } from './core/guards/auth.guard';
import { AUTH_ROUTES } from './features/auth/auth.routes';
import { CHATS_ROUTES } from './features/chats/chats.routes';
import type { ComingSoonData } from './shared/ui/coming-soon/coming-soon.page';

const loadComingSoonPage = () => import('./shared/ui/coming-soon/coming-soon.page').then((m) => m.ComingSoonPage);

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [authGuard],
    title: 'nav.feed',
    // The feed of posts from you and your friends; posts arrive with the Posts issue.
    data: { titleKey: 'feed.title', messageKey: 'feed.empty', icon: 'feed' } satisfies ComingSoonData,
    loadComponent: loadComingSoonPage,
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
