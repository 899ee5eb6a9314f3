import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';

/** The signed-in user's own card; editing, avatars and albums arrive with the Profiles issue. */
@Component({
  selector: 'wit-my-profile-page',
  imports: [TranslatePipe, AvatarComponent, RouterLink, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page stack">
      <h1 class="page__title">{{ 'profile.title' | t }}</h1>
      @if (auth.me(); as me) {
        <section class="card profile" aria-labelledby="profile-name">
          <div class="profile__cover" aria-hidden="true"></div>
          <div class="profile__body">
            <wit-avatar class="profile__avatar" [name]="me.displayName" [url]="me.avatarUrl" [size]="96" />
            <div class="profile__who">
              <h2 id="profile-name" class="profile__name">{{ me.displayName }}</h2>
              <p class="profile__meta">{{ me.email }}</p>
              <p class="profile__meta">
                {{ 'profile.memberSince' | t: { date: (me.createdAt | date: 'longDate' : undefined : locale()) ?? '' } }}
              </p>
            </div>
            <dl class="profile__facts">
              <div>
                <dt>{{ 'profile.friends' | t }}</dt>
                <dd>{{ me.friendsCount }}</dd>
              </div>
              <div>
                <dt>{{ 'profile.role' | t }}</dt>
                <dd>{{ (me.role === 'admin' ? 'profile.roleAdmin' : 'profile.roleUser') | t }}</dd>
              </div>
            </dl>
          </div>
          @if (me.about) {
            <p class="profile__about">{{ me.about }}</p>
          }
          <p class="alert alert--info">{{ 'profile.comingSoon' | t }}</p>
          <a class="btn" routerLink="/settings">{{ 'profile.editSettings' | t }}</a>
        </section>
      } @else {
        <p role="status">{{ 'app.loading' | t }}</p>
      }
    </div>
  `,
  styles: `
    .profile { display: flex; flex-direction: column; gap: var(--wit-space-4); padding-top: 0; overflow: hidden; align-items: flex-start; }
    .profile__cover {
      align-self: stretch;
      height: 120px;
      margin: 0 calc(-1 * var(--wit-space-6));
      background: var(--wit-gradient-brand);
    }
    .profile__body { display: flex; flex-wrap: wrap; align-items: flex-end; gap: var(--wit-space-4); margin-top: -56px; width: 100%; }
    .profile__avatar { border: 4px solid var(--wit-color-surface); border-radius: 50%; }
    .profile__who { flex: 1; min-width: 200px; }
    .profile__name { font-size: var(--wit-text-xl); }
    .profile__meta { color: var(--wit-color-text-muted); font-size: var(--wit-text-sm); overflow-wrap: anywhere; }
    .profile__facts { display: flex; gap: var(--wit-space-6); margin: 0; }
    .profile__facts dt { font-size: var(--wit-text-xs); color: var(--wit-color-text-muted); text-transform: uppercase; letter-spacing: 0.05em; }
    .profile__facts dd { margin: 0; font-weight: var(--wit-weight-semibold); }
    .profile__about { white-space: pre-line; }
  `,
})
export class MyProfilePage {
  protected readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  protected readonly locale = () => (this.i18n.lang() === 'uk' ? 'uk' : 'en-US');
}
