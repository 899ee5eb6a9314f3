import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';

import { AuthService } from './core/auth/auth.service';
import { TranslatePipe } from './core/i18n/translate.pipe';
import { AppHeaderComponent } from './core/layout/app-header.component';
import { NoticeOutletComponent } from './core/notice/notice-outlet.component';
import { SocketService } from './core/socket/socket.service';

@Component({
  selector: 'wit-root',
  imports: [RouterOutlet, AppHeaderComponent, NoticeOutletComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.signed-in]': 'auth.isSignedIn()' },
  template: `
    <a class="skip-link" href="#main">{{ 'app.skipToContent' | t }}</a>
    <wit-app-header />
    <main id="main" class="main" tabindex="-1">
      <router-outlet />
    </main>
    <footer class="footer">
      <p>{{ 'app.footer' | t }}</p>
    </footer>
    <wit-notice-outlet />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    .main {
      flex: 1;
      outline: none;
    }
    .footer {
      padding: var(--wit-space-6) var(--wit-space-4);
      text-align: center;
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .skip-link {
      position: absolute;
      left: var(--wit-space-3);
      top: -100px;
      z-index: 100;
      padding: var(--wit-space-2) var(--wit-space-4);
      background: var(--wit-color-surface);
      border-radius: var(--wit-radius-md);
      box-shadow: var(--wit-shadow-md);
    }
    .skip-link:focus {
      top: var(--wit-space-3);
    }
    @media (max-width: 719px) {
      :host(.signed-in) .footer {
        padding-bottom: calc(var(--wit-bottom-nav-height) + var(--wit-space-6) + env(safe-area-inset-bottom));
      }
    }
  `,
})
export class App {
  protected readonly auth = inject(AuthService);

  constructor() {
    // Created here so the chat connection follows the session from the first moment.
    inject(SocketService);
  }
}
