import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Profile } from '@world-it/contracts';
import { catchError, map, merge, of, Subject, switchMap } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { errorStatus } from '../../../core/http/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { ProfilesApiService } from '../../../core/profiles/profiles-api.service';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';
import { formatCalendarDate, formatRelative, fullName, localeOf } from '../../../shared/util/person-format';
import { AvatarEditorComponent } from '../../../shared/ui/avatar-editor/avatar-editor.component';
import { ProfileEditFormComponent } from '../components/profile-edit-form.component';
import { ProfileFriendshipComponent } from '../components/profile-friendship.component';
import { ProfileMutualFriendsComponent } from '../components/profile-mutual-friends.component';
import { ProfilePhotosComponent } from '../components/profile-photos.component';
import { ProfilePostsComponent } from '../components/profile-posts.component';

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; profile: Profile }
  | { status: 'missing' }
  | { status: 'error'; error: UiMessage };

/**
 * A person's profile (`/people/:id`), or mine (`/profile`, or my own id): who they are, when they
 * were last around, friends and mutual friends, and what our friendship allows (befriend, message,
 * block: ProfileFriendshipComponent); on my own, an "Edit profile" form.
 */
@Component({
  selector: 'wit-profile-page',
  imports: [
    TranslatePipe,
    UiMessagePipe,
    AvatarComponent,
    EmptyStateComponent,
    RouterLink,
    ProfileEditFormComponent,
    ProfileFriendshipComponent,
    ProfileMutualFriendsComponent,
    AvatarEditorComponent,
    ProfilePhotosComponent,
    ProfilePostsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.css',
})
export class ProfilePage {
  private readonly api = inject(ProfilesApiService);
  private readonly i18n = inject(I18nService);
  protected readonly auth = inject(AuthService);

  /** The `:id` route parameter; absent on `/profile`. */
  readonly id = input<string | undefined>();
  /** `?tab=photos`; the posts otherwise. */
  readonly tab = input<string | undefined>();
  protected readonly section = computed(() => (this.tab() === 'photos' ? 'photos' : 'posts'));

  protected readonly isMine = computed(() => {
    const id = this.id();
    return !id || id === this.auth.me()?.id;
  });
  protected readonly editing = signal(false);

  private readonly retries = new Subject<void>();
  /** Someone else's profile, fetched; my own comes from the session (and updates as I save). */
  private readonly other = signal<Loaded>({ status: 'loading' });

  protected readonly state = computed<Loaded>(() => {
    if (!this.isMine()) return this.other();
    const me = this.auth.me();
    return me ? { status: 'ready', profile: me } : { status: 'loading' };
  });
  protected readonly profile = computed(() => {
    const s = this.state();
    return s.status === 'ready' ? s.profile : null;
  });
  protected readonly loadError = computed(() => {
    const s = this.state();
    return s.status === 'error' ? s.error : null;
  });

  protected readonly realName = computed(() => {
    const p = this.profile();
    return p ? fullName(p) : '';
  });
  protected readonly presence = computed(() => {
    const p = this.profile();
    if (!p || p.online) return null;
    return p.lastSeenAt
      ? this.i18n.t('profile.lastSeen', { when: formatRelative(p.lastSeenAt, this.i18n.lang()) })
      : this.i18n.t('profile.lastSeenUnknown');
  });
  protected readonly birthday = computed(() => {
    const dob = this.profile()?.dateOfBirth;
    return dob ? formatCalendarDate(dob, this.i18n.lang()) : null;
  });
  protected readonly memberSince = computed(() => {
    const created = this.profile()?.createdAt;
    if (!created) return '';
    return new Intl.DateTimeFormat(localeOf(this.i18n.lang()), { month: 'long', year: 'numeric' }).format(
      new Date(created),
    );
  });
  protected readonly email = computed(() => (this.isMine() ? (this.auth.me()?.email ?? null) : null));

  constructor() {
    merge(toObservable(this.id), this.retries.pipe(map(() => this.id())))
      .pipe(
        switchMap((id) => {
          this.editing.set(false);
          if (!id || id === this.auth.me()?.id) return of<Loaded>({ status: 'loading' });
          this.other.set({ status: 'loading' });
          return this.api.get(id).pipe(
            map((profile): Loaded => ({ status: 'ready', profile })),
            catchError((err: unknown) => {
              // A malformed id is answered 400 by the server; to a person both mean "no such profile".
              const status = errorStatus(err);
              return of<Loaded>(
                status === 404 || status === 400
                  ? { status: 'missing' }
                  : { status: 'error', error: genericErrorMessage(err) },
              );
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((loaded) => this.other.set(loaded));
  }

  /** A friendship or block change, shown at once (and again if the server refused it). */
  protected onChanged(profile: Profile): void {
    if (!this.isMine()) this.other.set({ status: 'ready', profile });
  }

  protected retry(): void {
    this.retries.next();
  }
}
