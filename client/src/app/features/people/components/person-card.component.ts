import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Profile } from '@world-it/contracts';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { DirectChatService } from '../../chats/data-access/direct-chat.service';
import { fullName } from '../../../shared/util/person-format';

/** One person in the People grid: a link to the profile and, for anyone but me, a "Message" button. */
@Component({
  selector: 'wit-person-card',
  imports: [RouterLink, TranslatePipe, AvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'person card', 'data-testid': 'person-card', '[attr.data-user-id]': 'person().id' },
  template: `
    @let p = person();
    <a class="person__link" [routerLink]="['/people', p.id]">
      <span class="person__pic">
        <wit-avatar [name]="p.displayName" [url]="p.avatarUrl" [size]="56" />
        @if (p.online) {
          <span class="dot" data-testid="online-dot"
            ><span class="visually-hidden">{{ 'people.online' | t }}</span></span
          >
        }
      </span>
      <span class="person__who">
        <span class="person__name">
          {{ p.displayName }}
          @if (isMe()) {
            <span class="person__me">{{ 'people.you' | t }}</span>
          }
        </span>
        @if (realName(); as name) {
          <span class="person__full">{{ name }}</span>
        }
      </span>
    </a>
    @if (p.about) {
      <p class="person__about">{{ p.about }}</p>
    }
    @if (!isMe()) {
      <button
        type="button"
        class="btn btn--sm person__message"
        data-testid="person-message"
        [disabled]="!!direct.opening()"
        [attr.aria-busy]="direct.opening() === p.id"
        [attr.aria-label]="'people.messageTo' | t: { name: p.displayName }"
        (click)="direct.openDirectChat(p.id)"
      >
        @if (direct.opening() === p.id) {
          <span class="spinner" aria-hidden="true"></span>
        } @else {
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
            <path
              d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linejoin="round"
            />
          </svg>
        }
        {{ 'people.message' | t }}
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-3);
      padding: var(--wit-space-4);
      min-width: 0;
    }
    .person__link {
      display: flex;
      align-items: center;
      gap: var(--wit-space-3);
      color: inherit;
      text-decoration: none;
      min-width: 0;
      border-radius: var(--wit-radius-md);
    }
    .person__link:hover .person__name {
      color: var(--wit-color-brand);
    }
    .person__pic {
      position: relative;
      display: inline-flex;
      flex: none;
    }
    .dot {
      position: absolute;
      right: 1px;
      bottom: 1px;
      width: 14px;
      height: 14px;
      border-radius: 50%;
      background: #12b76a;
      border: 2.5px solid var(--wit-color-surface);
    }
    .person__who {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .person__name {
      font-weight: var(--wit-weight-semibold);
      overflow-wrap: anywhere;
      transition: color var(--wit-transition);
    }
    .person__me {
      margin-left: var(--wit-space-1);
      padding: 0 var(--wit-space-2);
      border-radius: var(--wit-radius-full);
      font-size: var(--wit-text-xs);
      color: var(--wit-color-brand-strong);
      background: var(--wit-color-brand-soft);
      vertical-align: 1px;
    }
    .person__full {
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
      overflow-wrap: anywhere;
    }
    .person__about {
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
      overflow-wrap: anywhere;
    }
    .person__message {
      align-self: flex-start;
      margin-top: auto;
    }
  `,
})
export class PersonCardComponent {
  protected readonly direct = inject(DirectChatService);
  readonly person = input.required<Profile>();
  readonly myId = input<string | null>(null);

  protected readonly isMe = computed(() => this.person().id === this.myId());
  /** First + last name, shown when it adds something to the display name. */
  protected readonly realName = computed(() => {
    const p = this.person();
    const name = fullName(p);
    return name && name !== p.displayName ? name : null;
  });
}
