import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Language } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { NoticeService } from '../../../core/notice/notice.service';
import { LanguagePreferenceService } from '../../../core/profiles/language-preference.service';
import { ProfilesApiService } from '../../../core/profiles/profiles-api.service';
import { BlockedUsersComponent } from '../components/blocked-users.component';
import { AvatarEditorComponent } from '../../../shared/ui/avatar-editor/avatar-editor.component';
import { ChangeEmailFormComponent } from '../components/change-email-form.component';
import { ChangePasswordFormComponent } from '../components/change-password-form.component';
import { YourDataComponent } from '../components/your-data.component';
import { QueueDashboardComponent } from '../components/queue-dashboard.component';

@Component({
  selector: 'wit-settings-page',
  imports: [
    TranslatePipe,
    ChangePasswordFormComponent,
    ChangeEmailFormComponent,
    BlockedUsersComponent,
    AvatarEditorComponent,
    YourDataComponent,
    QueueDashboardComponent,
  ],
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
              <input
                type="radio"
                name="language"
                [value]="lang"
                [checked]="i18n.lang() === lang"
                (change)="setLanguage(lang)"
              />
              <span>{{ (lang === 'en' ? 'lang.en' : 'lang.uk') | t }}</span>
            </label>
          }
        </fieldset>
      </section>

      <section class="card settings__section" aria-labelledby="settings-avatar">
        <div class="settings__intro">
          <h2 id="settings-avatar" class="settings__title">{{ 'avatar.title' | t }}</h2>
          <p class="field__hint">{{ 'avatar.hint' | t }}</p>
        </div>
        <wit-avatar-editor />
      </section>

      <section class="card settings__section" aria-labelledby="settings-notifications">
        <div class="settings__intro">
          <h2 id="settings-notifications" class="settings__title">{{ 'settings.notifications' | t }}</h2>
          <p class="field__hint">{{ 'settings.notificationsHint' | t }}</p>
        </div>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            class="switch__input"
            data-testid="settings-digest"
            aria-describedby="settings-digest-hint"
            [checked]="digest()"
            [disabled]="!auth.me()"
            [attr.aria-busy]="savingDigest()"
            (change)="setDigest($any($event.target).checked)"
          />
          <span class="switch__track" aria-hidden="true"><span class="switch__thumb"></span></span>
          <span class="switch__text">
            <span class="switch__label">{{ 'settings.digest' | t }}</span>
            <span class="field__hint" id="settings-digest-hint">{{ 'settings.digestHint' | t }}</span>
          </span>
        </label>
      </section>

      <section class="card settings__section" aria-labelledby="settings-blocked">
        <div class="settings__intro">
          <h2 id="settings-blocked" class="settings__title">{{ 'settings.blocked' | t }}</h2>
          <p class="field__hint">{{ 'settings.blockedHint' | t }}</p>
        </div>
        <wit-blocked-users />
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

      <section class="card settings__section" aria-labelledby="settings-data" data-testid="settings-your-data">
        <div class="settings__intro">
          <h2 id="settings-data" class="settings__title">{{ 'privacy.title' | t }}</h2>
          <p class="field__hint">{{ 'privacy.hint' | t }}</p>
        </div>
        <wit-your-data />
      </section>
      @if (auth.me()?.role === 'admin') {
        <section class="card settings__section" aria-labelledby="settings-queues" data-testid="settings-admin">
          <div class="settings__intro">
            <h2 id="settings-queues" class="settings__title">{{ 'settings.queues' | t }}</h2>
            <p class="field__hint">{{ 'settings.queuesHint' | t }}</p>
          </div>
          <div><wit-queue-dashboard /></div>
        </section>
      }
    </div>
  `,
  styles: `
    .settings {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-5);
      max-width: 760px;
    }
    .settings__head {
      margin-bottom: var(--wit-space-2);
    }
    .settings__section {
      display: grid;
      grid-template-columns: 220px minmax(0, 1fr);
      gap: var(--wit-space-6);
    }
    .settings__title {
      font-size: var(--wit-text-lg);
    }
    .settings__intro {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-1);
    }
    .settings__current {
      overflow-wrap: anywhere;
    }
    .langs {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wit-space-3);
      margin: 0;
      padding: 0;
      border: 0;
    }
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
    .langs__option--on {
      border-color: var(--wit-color-brand);
      background: var(--wit-color-brand-soft);
    }
    .langs__option input {
      accent-color: var(--wit-color-brand);
      margin: 0;
    }
    .switch {
      position: relative;
      display: flex;
      align-items: flex-start;
      gap: var(--wit-space-3);
      cursor: pointer;
    }
    .switch__input {
      position: absolute;
      top: 0;
      left: 0;
      width: 44px;
      height: 26px;
      margin: 0;
      opacity: 0;
      cursor: pointer;
    }
    .switch__track {
      flex: none;
      position: relative;
      width: 44px;
      height: 26px;
      border-radius: 13px;
      background: var(--wit-color-border-strong);
      transition: background var(--wit-transition);
    }
    .switch__thumb {
      position: absolute;
      top: 3px;
      left: 3px;
      width: 20px;
      height: 20px;
      border-radius: 50%;
      background: #fff;
      box-shadow: var(--wit-shadow-sm);
      transition: transform var(--wit-transition);
    }
    .switch__input:checked + .switch__track {
      background: var(--wit-color-brand);
    }
    .switch__input:checked + .switch__track .switch__thumb {
      transform: translateX(18px);
    }
    .switch__input:focus-visible + .switch__track {
      outline: 3px solid var(--wit-color-focus);
      outline-offset: 2px;
    }
    .switch__input:disabled + .switch__track {
      opacity: 0.6;
    }
    .switch__text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding-top: 2px;
    }
    .switch__label {
      font-weight: var(--wit-weight-medium);
    }
    @media (max-width: 719px) {
      .settings__section {
        grid-template-columns: 1fr;
        gap: var(--wit-space-4);
      }
    }
  `,
})
export class SettingsPage {
  protected readonly i18n = inject(I18nService);
  protected readonly auth = inject(AuthService);
  private readonly language = inject(LanguagePreferenceService);
  private readonly profiles = inject(ProfilesApiService);
  private readonly notices = inject(NoticeService);
  private readonly destroyRef = inject(DestroyRef);

  /** The switch shows the pending value while a save is in flight, then the session's again. */
  private readonly pendingDigest = signal<boolean | null>(null);
  readonly digest = computed(() => this.pendingDigest() ?? this.auth.me()?.emailDigest ?? false);
  readonly savingDigest = computed(() => this.pendingDigest() !== null);
  /** Only the newest save settles the switch; a quick on-off-on must not end on a stale answer. */
  private digestSaves = 0;

  setLanguage(lang: Language): void {
    this.language.choose(lang);
  }

  /** Optimistic: the switch flips at once; a failed save flips it back and says so. */
  setDigest(on: boolean): void {
    const save = ++this.digestSaves;
    this.pendingDigest.set(on);
    this.profiles
      .updateMe({ emailDigest: on })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          if (save === this.digestSaves) this.pendingDigest.set(null);
        },
        error: () => {
          if (save !== this.digestSaves) return;
          this.pendingDigest.set(null); // back to what the server last confirmed
          this.notices.error(this.i18n.t('settings.digestFailed'));
        },
      });
  }
}
