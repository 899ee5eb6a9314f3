import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/** The frame of every account page: a welcome panel beside (or, on phones, above) the form card. */
@Component({
  selector: 'wit-auth-card',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="auth">
      <aside class="auth__hero" aria-hidden="true">
        <div class="auth__orb auth__orb--one"></div>
        <div class="auth__orb auth__orb--two"></div>
        <p class="auth__hero-brand">World IT</p>
        <p class="auth__hero-text">{{ 'app.tagline' | t }}</p>
        <ul class="auth__bubbles">
          <li class="auth__bubble">hello, world &lt;/&gt;</li>
          <li class="auth__bubble auth__bubble--me">git push origin main</li>
          <li class="auth__bubble">LGTM, ship it!</li>
        </ul>
      </aside>
      <section class="auth__card card" [attr.aria-labelledby]="headingId">
        <h1 class="auth__title" [id]="headingId">{{ heading() }}</h1>
        @if (subtitle()) {
          <p class="auth__subtitle">{{ subtitle() }}</p>
        }
        <div class="auth__content"><ng-content /></div>
      </section>
    </div>
  `,
  styles: `
    .auth {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 440px);
      gap: var(--wit-space-8);
      align-items: center;
      max-width: 980px;
      margin: 0 auto;
      padding: var(--wit-space-10) var(--wit-space-4);
    }
    .auth__hero {
      position: relative;
      overflow: hidden;
      min-height: 440px;
      padding: var(--wit-space-10);
      border-radius: 28px;
      color: #fff;
      background: var(--wit-gradient-brand);
      box-shadow: var(--wit-shadow-lg);
    }
    .auth__orb {
      position: absolute;
      border-radius: 50%;
      background: rgb(255 255 255 / 12%);
    }
    .auth__orb--one {
      width: 260px;
      height: 260px;
      right: -80px;
      top: -60px;
    }
    .auth__orb--two {
      width: 180px;
      height: 180px;
      left: -50px;
      bottom: -70px;
    }
    .auth__hero-brand {
      position: relative;
      font-size: 2.5rem;
      font-weight: 800;
      letter-spacing: -0.03em;
    }
    .auth__hero-text {
      position: relative;
      max-width: 28ch;
      margin-top: var(--wit-space-2);
      font-size: var(--wit-text-lg);
      opacity: 0.95;
    }
    .auth__bubbles {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
      margin: var(--wit-space-10) 0 0;
      padding: 0;
      list-style: none;
    }
    .auth__bubble {
      align-self: flex-start;
      padding: var(--wit-space-2) var(--wit-space-4);
      border-radius: 18px 18px 18px 4px;
      color: var(--wit-color-text);
      background: #fff;
      font-family: var(--wit-font-mono);
      font-size: var(--wit-text-sm);
      box-shadow: var(--wit-shadow-md);
    }
    .auth__bubble--me {
      align-self: flex-end;
      border-radius: 18px 18px 4px 18px;
      color: #fff;
      background: rgb(21 26 45 / 55%);
    }
    .auth__card {
      padding: var(--wit-space-8);
    }
    .auth__title {
      font-size: var(--wit-text-2xl);
      font-weight: var(--wit-weight-bold);
    }
    .auth__subtitle {
      margin-top: var(--wit-space-2);
      color: var(--wit-color-text-muted);
      overflow-wrap: anywhere;
    }
    .auth__content {
      margin-top: var(--wit-space-6);
    }
    @media (max-width: 879px) {
      .auth {
        grid-template-columns: minmax(0, 480px);
        justify-content: center;
        padding-top: var(--wit-space-6);
      }
      .auth__hero {
        display: none;
      }
    }
    @media (max-width: 479px) {
      .auth {
        padding: var(--wit-space-4) var(--wit-space-3);
      }
      .auth__card {
        padding: var(--wit-space-5);
      }
    }
  `,
})
export class AuthCardComponent {
  readonly heading = input.required<string>();
  readonly subtitle = input<string | null>(null);
  readonly headingId = 'auth-title';
}
