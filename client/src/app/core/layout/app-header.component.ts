import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

import { AuthService } from '../auth/auth.service';
import type { TranslationKey } from '../i18n/en';
import { TranslatePipe } from '../i18n/translate.pipe';
import { NotificationsBellComponent } from '../notifications/notifications-bell.component';
import { LanguagePreferenceService } from '../profiles/language-preference.service';
import { UnreadStore } from '../unread/unread.store';
import { UserMenuComponent } from './user-menu.component';

interface NavItem {
  path: string;
  label: TranslationKey;
  testId: string;
  icon: string;
  exact: boolean;
}

/** SVG path data (24×24, stroked) for the navigation icons. */
const ICONS = {
  feed: 'M4 5h16M4 12h16M4 19h10',
  chats: 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z',
  friends:
    'M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM21 19v-1a4 4 0 0 0-3-3.9M15.5 3.2a3.5 3.5 0 0 1 0 6.6',
  people: 'M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM21 21l-4.3-4.3',
};

/**
 * The top bar: brand, the four main sections, language switch and the account menu. On phones the
 * section links become a fixed bottom bar (the same <nav>, restyled, so every link exists once).
 */
@Component({
  selector: 'wit-app-header',
  imports: [RouterLink, RouterLinkActive, TranslatePipe, UserMenuComponent, NotificationsBellComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="header">
      <div class="header__inner">
        <a class="brand" routerLink="/" [attr.aria-label]="'app.brand' | t">
          <svg class="brand__logo" width="32" height="32" viewBox="0 0 64 64" aria-hidden="true">
            <defs>
              <linearGradient id="brand-gradient" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stop-color="#6366f1" />
                <stop offset="1" stop-color="#0284c7" />
              </linearGradient>
            </defs>
            <rect width="64" height="64" rx="16" fill="url(#brand-gradient)" />
            <circle cx="32" cy="32" r="17" fill="none" stroke="#fff" stroke-width="4" />
            <path
              d="M15 32h34M32 15c-6 5-8 11-8 17s2 12 8 17c6-5 8-11 8-17s-2-12-8-17"
              fill="none"
              stroke="#fff"
              stroke-width="3.2"
              stroke-linecap="round"
            />
          </svg>
          <span class="brand__name">World <span class="brand__it">IT</span></span>
        </a>

        @if (auth.isSignedIn()) {
          <nav class="nav" [attr.aria-label]="'nav.main' | t">
            @for (item of items; track item.path) {
              <a
                class="nav__link"
                [routerLink]="item.path"
                routerLinkActive="nav__link--active"
                [routerLinkActiveOptions]="{ exact: item.exact }"
                ariaCurrentWhenActive="page"
                [attr.data-testid]="item.testId"
              >
                <svg class="nav__icon" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
                  <path
                    [attr.d]="item.icon"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                  />
                </svg>
                <span>{{ item.label | t }}</span>
                @if (item.path === '/chats' && unread.total(); as n) {
                  <span class="nav__badge" aria-hidden="true" data-testid="nav-chats-badge">{{
                    n > 99 ? '99+' : n
                  }}</span>
                  <span class="visually-hidden">{{ 'unread.badgeLabel' | t: { n } }}</span>
                }
              </a>
            }
          </nav>
        }

        <div class="header__actions">
          <button
            type="button"
            class="lang"
            data-testid="lang-switch"
            [attr.aria-label]="('lang.short' | t) + ', ' + ('lang.switchTo' | t)"
            (click)="language.toggle()"
          >
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
              <path
                d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3Z"
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
              />
            </svg>
            <span>{{ 'lang.short' | t }}</span>
          </button>

          @if (auth.isSignedIn()) {
            <wit-notifications-bell />
            <wit-user-menu />
          } @else {
            <a class="btn btn--ghost btn--sm" routerLink="/login" data-testid="nav-login">{{ 'menu.login' | t }}</a>
            <a class="btn btn--primary btn--sm" routerLink="/register" data-testid="nav-register">{{
              'menu.register' | t
            }}</a>
          }
        </div>
      </div>
    </header>
  `,
  styles: `
    .header {
      position: sticky;
      top: 0;
      z-index: 30;
      background: rgb(255 255 255 / 88%);
      backdrop-filter: saturate(180%) blur(12px);
      border-bottom: 1px solid var(--wit-color-border);
    }
    .header__inner {
      display: flex;
      align-items: center;
      gap: var(--wit-space-4);
      max-width: var(--wit-content-max);
      height: var(--wit-header-height);
      margin: 0 auto;
      padding: 0 var(--wit-space-4);
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: var(--wit-space-2);
      color: var(--wit-color-text);
      text-decoration: none;
      flex: none;
    }
    .brand:hover {
      text-decoration: none;
    }
    .brand__name {
      font-size: var(--wit-text-lg);
      font-weight: var(--wit-weight-bold);
      letter-spacing: -0.02em;
    }
    .brand__it {
      color: var(--wit-color-brand);
    }
    .nav {
      display: flex;
      gap: var(--wit-space-1);
      margin-left: var(--wit-space-4);
    }
    .nav__link {
      display: inline-flex;
      align-items: center;
      gap: var(--wit-space-2);
      padding: var(--wit-space-2) var(--wit-space-3);
      border-radius: var(--wit-radius-md);
      color: var(--wit-color-text-muted);
      font-weight: var(--wit-weight-medium);
      font-size: var(--wit-text-sm);
      text-decoration: none;
      transition:
        background var(--wit-transition),
        color var(--wit-transition);
    }
    .nav__link:hover {
      color: var(--wit-color-text);
      background: var(--wit-color-surface-muted);
      text-decoration: none;
    }
    .nav__link--active,
    .nav__link--active:hover {
      color: var(--wit-color-brand-strong);
      background: var(--wit-color-brand-soft);
    }
    .nav__icon {
      flex: none;
    }
    .nav__badge {
      min-width: 20px;
      height: 20px;
      padding: 0 6px;
      border-radius: var(--wit-radius-full);
      background: var(--wit-color-danger);
      color: #fff;
      font-size: var(--wit-text-xs);
      font-weight: var(--wit-weight-bold);
      line-height: 20px;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .header__actions {
      display: flex;
      align-items: center;
      gap: var(--wit-space-2);
      margin-left: auto;
    }
    .lang {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-height: 40px;
      padding: 0 var(--wit-space-3);
      font: inherit;
      font-size: var(--wit-text-sm);
      font-weight: var(--wit-weight-semibold);
      color: var(--wit-color-text-muted);
      background: transparent;
      border: 1px solid var(--wit-color-border);
      border-radius: var(--wit-radius-full);
      cursor: pointer;
    }
    .lang:hover {
      color: var(--wit-color-text);
      background: var(--wit-color-surface-muted);
    }

    @media (max-width: 719px) {
      /* backdrop-filter would make the header the containing block of the fixed bottom bar */
      .header {
        backdrop-filter: none;
        background: var(--wit-color-surface);
      }
      .header__inner {
        gap: var(--wit-space-2);
        padding: 0 var(--wit-space-3);
      }
      .nav {
        position: fixed;
        inset: auto 0 0 0;
        z-index: 30;
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 0;
        margin: 0;
        height: calc(var(--wit-bottom-nav-height) + env(safe-area-inset-bottom));
        padding: 0 var(--wit-space-1) env(safe-area-inset-bottom);
        background: rgb(255 255 255 / 96%);
        backdrop-filter: blur(12px);
        border-top: 1px solid var(--wit-color-border);
        box-shadow: 0 -4px 16px rgb(16 24 40 / 6%);
      }
      .nav__link {
        flex-direction: column;
        justify-content: center;
        gap: 2px;
        padding: var(--wit-space-1);
        border-radius: var(--wit-radius-md);
        font-size: var(--wit-text-xs);
        margin: 6px 2px;
      }
      .nav__link {
        position: relative;
      }
      /* On the icon's top-right corner, ringed so it stands off the icon */
      .nav__badge {
        position: absolute;
        top: 2px;
        left: calc(50% + 4px);
        min-width: 18px;
        height: 18px;
        padding: 0 5px;
        line-height: 18px;
        box-shadow: 0 0 0 2px var(--wit-color-surface);
      }
      .btn--ghost {
        padding-inline: var(--wit-space-2);
      }
    }
    @media (max-width: 380px) {
      .brand__name {
        display: none;
      }
    }
  `,
})
export class AppHeaderComponent {
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguagePreferenceService);
  protected readonly unread = inject(UnreadStore);

  protected readonly items: readonly NavItem[] = [
    { path: '/', label: 'nav.feed', testId: 'nav-feed', icon: ICONS.feed, exact: true },
    { path: '/chats', label: 'nav.chats', testId: 'nav-chats', icon: ICONS.chats, exact: false },
    { path: '/friends', label: 'nav.friends', testId: 'nav-friends', icon: ICONS.friends, exact: false },
    { path: '/people', label: 'nav.people', testId: 'nav-people', icon: ICONS.people, exact: false },
  ];
}
