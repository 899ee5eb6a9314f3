import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { AvatarComponent } from '../../shared/ui/avatar/avatar.component';
import { AuthService } from '../auth/auth.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/** Avatar + name button that discloses Profile, Settings and Log out. */
@Component({
  selector: 'wit-user-menu',
  imports: [RouterLink, TranslatePipe, AvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:click)': 'onDocumentClick($event)',
    '(keydown.escape)': 'close(true)',
  },
  template: `
    <button
      type="button"
      class="menu__trigger"
      data-testid="user-menu"
      aria-haspopup="true"
      [attr.aria-expanded]="open()"
      aria-controls="user-menu-panel"
      (click)="toggle()"
    >
      <wit-avatar [name]="name()" [url]="auth.me()?.avatarUrl ?? null" [size]="32" />
      <!-- The name is the visible label (hidden on a phone, where only the avatar shows), so the
           accessible name starts with it: "Ada Dev (Account menu)". -->
      <span class="menu__name">{{ name() }}</span><span class="visually-hidden"> ({{ 'menu.open' | t }})</span>
      <svg class="menu__chevron" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="m6 9 6 6 6-6"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </svg>
    </button>
    @if (open()) {
      <div class="menu__panel" id="user-menu-panel">
        <div class="menu__who">
          <strong>{{ name() }}</strong>
          <span class="menu__email">{{ auth.me()?.email }}</span>
        </div>
        <ul class="menu__list">
          <li>
            <a class="menu__item" routerLink="/profile" data-testid="menu-profile" (click)="close()">{{
              'menu.profile' | t
            }}</a>
          </li>
          <li>
            <a class="menu__item" routerLink="/settings" data-testid="menu-settings" (click)="close()">{{
              'menu.settings' | t
            }}</a>
          </li>
          <li>
            <button
              type="button"
              class="menu__item menu__item--danger"
              data-testid="logout"
              [disabled]="busy()"
              (click)="logout()"
            >
              {{ 'menu.logout' | t }}
            </button>
          </li>
        </ul>
      </div>
    }
  `,
  styles: `
    :host {
      position: relative;
      display: inline-flex;
    }
    .menu__trigger {
      display: inline-flex;
      align-items: center;
      gap: var(--wit-space-2);
      min-height: 44px;
      padding: var(--wit-space-1) var(--wit-space-2) var(--wit-space-1) var(--wit-space-1);
      font: inherit;
      color: var(--wit-color-text);
      background: var(--wit-color-surface);
      border: 1px solid var(--wit-color-border);
      border-radius: var(--wit-radius-full);
      cursor: pointer;
    }
    .menu__trigger:hover {
      background: var(--wit-color-surface-muted);
    }
    .menu__name {
      max-width: 14ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-weight: var(--wit-weight-medium);
      font-size: var(--wit-text-sm);
    }
    .menu__chevron {
      color: var(--wit-color-text-muted);
    }
    .menu__panel {
      position: absolute;
      right: 0;
      top: calc(100% + var(--wit-space-2));
      z-index: 40;
      min-width: 240px;
      padding: var(--wit-space-2);
      background: var(--wit-color-surface);
      border: 1px solid var(--wit-color-border);
      border-radius: var(--wit-radius-md);
      box-shadow: var(--wit-shadow-lg);
    }
    .menu__who {
      display: flex;
      flex-direction: column;
      padding: var(--wit-space-2) var(--wit-space-3) var(--wit-space-3);
      margin-bottom: var(--wit-space-1);
      border-bottom: 1px solid var(--wit-color-border);
      overflow-wrap: anywhere;
    }
    .menu__email {
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .menu__list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .menu__item {
      display: block;
      width: 100%;
      padding: var(--wit-space-2) var(--wit-space-3);
      font: inherit;
      font-weight: var(--wit-weight-medium);
      text-align: left;
      color: var(--wit-color-text);
      background: none;
      border: 0;
      border-radius: var(--wit-radius-sm);
      cursor: pointer;
    }
    .menu__item:hover {
      background: var(--wit-color-surface-muted);
      text-decoration: none;
    }
    .menu__item--danger {
      color: var(--wit-color-danger);
    }
    @media (max-width: 719px) {
      .menu__chevron {
        display: none;
      }
      /* Out of sight but still the button's name for screen readers. */
      .menu__name {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .menu__trigger {
        padding: var(--wit-space-1);
      }
    }
  `,
})
export class UserMenuComponent {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly open = signal(false);
  readonly busy = signal(false);
  protected readonly name = computed(() => this.auth.me()?.displayName ?? '…');

  toggle(): void {
    this.open.update((v) => !v);
  }

  close(refocus = false): void {
    if (!this.open()) return;
    this.open.set(false);
    if (refocus) this.host.nativeElement.querySelector<HTMLButtonElement>('.menu__trigger')?.focus();
  }

  onDocumentClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node)) this.open.set(false);
  }

  logout(): void {
    this.busy.set(true);
    this.auth.logout().subscribe({
      complete: () => {
        this.busy.set(false);
        this.open.set(false);
        void this.router.navigate(['/login']);
      },
    });
  }
}
