import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { Language } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ChangeEmailFormComponent } from '../components/change-email-form.component';
import { ChangePasswordFormComponent } from '../components/change-password-form.component';

@Component({
  selector: 'wit-settings-page',
  imports: [TranslatePipe, ChangePasswordFormComponent, ChangeEmailFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page settings">
      <header class="settings__head">
        <h1 class="page__title">{{ 'settings.title' | t }}</h1>
        <p class="page__subtitle">{{ 'settings.subtitle' | t }}</p>
      </header>

      <section class="card settings__section" aria-labelledby="settings-language">
        <div class="settings__intro">
          <h2 id="settings-language" class="settings__title">{{ 'settings.language' | t }}</h2>
          <p class="field__hint">{{ 'settings.languageHint' | t }}</p>
        </div>
        <fieldset class="langs" data-testid="settings-language">
          <legend class="visually-hidden">{{ 'settings.language' | t }}</legend>
          @for (lang of i18n.languages; track lang) {
            <label class="langs__option" [class.langs__option--on]="i18n.lang() === lang">
              <input type="radio" name="language" [value]="lang" [checked]="i18n.lang() === lang" (change)="setLanguage(lang)" />
              <span>{{ (lang === 'en' ? 'lang.en' : 'lang.uk') | t }}</span>
            </label>
          }
        </fieldset>
      </section>

      <section class="card settings__section" aria-labelledby="settings-password">
        <div class="settings__intro">
          <h2 id="settings-password" class="settings__title">{{ 'settings.changePassword' | t }}</h2>
        </div>
        <wit-change-password-form />
      </section>

      <section class="card settings__section" aria-labelledby="settings-email">
        <div class="settings__intro">
          <h2 id="settings-email" class="settings__title">{{ 'settings.changeEmail' | t }}</h2>
          @if (auth.me(); as me) {
            <p class="field__hint settings__current">{{ 'settings.currentEmail' | t: { email: me.email } }}</p>
          }
        </div>
        <wit-change-email-form />
      </section>
    </div>
  `,
  styles: `
    .settings { display: flex; flex-direction: column; gap: var(--wit-space-5); max-width: 760px; }
    .settings__head { margin-bottom: var(--wit-space-2); }
    .settings__section { display: grid; grid-template-columns: 220px minmax(0, 1fr); gap: var(--wit-space-6); }
    .settings__title { font-size: var(--wit-text-lg); }
    .settings__intro { display: flex; flex-direction: column; gap: var(--wit-space-1); }
    .settings__current { overflow-wrap: anywhere; }
    .langs { display: flex; flex-wrap: wrap; gap: var(--wit-space-3); margin: 0; padding: 0; border: 0; }
    .langs__option {
      display: inline-flex;
      align-items: center;
      gap: var(--wit-space-2);
      min-height: 44px;
      padding: var(--wit-space-2) var(--wit-space-4);
      border: 1.5px solid var(--wit-color-border-strong);
      border-radius: var(--wit-radius-md);
      cursor: pointer;
      font-weight: var(--wit-weight-medium);
    }
    .langs__option--on { border-color: var(--wit-color-brand); background: var(--wit-color-brand-soft); }
    .langs__option input { accent-color: var(--wit-color-brand); margin: 0; }
    @media (max-width: 719px) {
      .settings__section { grid-template-columns: 1fr; gap: var(--wit-space-4); }
    }
  `,
})
export class SettingsPage {
  protected readonly i18n = inject(I18nService);
  protected readonly auth = inject(AuthService);

  setLanguage(lang: Language): void {
    this.i18n.use(lang);
  }
}
