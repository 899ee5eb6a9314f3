import { inject, Injectable } from '@angular/core';
import type { Language } from '@world-it/contracts';
import { catchError, EMPTY, finalize, Subject, switchMap } from 'rxjs';

import { AuthService } from '../auth/auth.service';
import { I18nService } from '../i18n/i18n.service';
import { ProfilesApiService } from './profiles-api.service';

/**
 * A language picked by the person: the interface switches at once and, when signed in, the choice
 * is saved on the server too (it decides the language of emails and of other devices' first visit).
 * A failed save is not worth a toast: the device keeps the choice and the next pick tries again.
 */
@Injectable({ providedIn: 'root' })
export class LanguagePreferenceService {
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);
  private readonly api = inject(ProfilesApiService);
  private readonly saves = new Subject<Language>();
  /** The language of the save in flight, so a pick that undoes an unsaved one is still sent. */
  private lastSent: Language | null = null;

  constructor() {
    // Only the last pick matters: a quick en → uk → en must not end with "uk" on the server.
    this.saves
      .pipe(
        switchMap((language) =>
          this.api.updateMe({ language }).pipe(
            // Saved or not, the session's user is the truth again once the request settles.
            finalize(() => (this.lastSent = null)),
            catchError(() => EMPTY),
          ),
        ),
      )
      .subscribe();
  }

  choose(lang: Language): void {
    this.i18n.use(lang);
    if (!this.auth.isSignedIn()) return;
    if ((this.lastSent ?? this.auth.me()?.language) === lang) return;
    this.saves.next(lang); // cancels (and finalizes) the save in flight first
    this.lastSent = lang;
  }

  toggle(): void {
    this.choose(this.i18n.lang() === 'en' ? 'uk' : 'en');
  }
}
