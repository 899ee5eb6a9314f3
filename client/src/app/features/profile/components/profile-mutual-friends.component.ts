import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { UserSummary } from '@world-it/contracts';
import { forkJoin, map } from 'rxjs';

import { FriendsApiService } from '../../../core/friends/friends-api.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';

/** How many of each list to compare: enough for a few faces, cheap enough for every profile view. */
const SAMPLE = 50;
const FACES = 3;

interface Mutual {
  people: UserSummary[];
  /** More friends exist beyond the compared pages, so the count is a lower bound. */
  partial: boolean;
}

/**
 * "3 mutual friends" with a few of their faces: the first page of their friends against the first
 * page of mine. The server's own count, when it sends one, is the number shown.
 */
@Component({
  selector: 'wit-profile-mutual-friends',
  imports: [TranslatePipe, AvatarComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (label(); as text) {
      <p class="mutual" data-testid="profile-mutual">
        <span class="mutual__faces">
          @for (person of faces(); track person.id) {
            <a
              class="mutual__face"
              [routerLink]="['/people', person.id]"
              [attr.aria-label]="person.displayName"
              [title]="person.displayName"
            >
              <wit-avatar [name]="person.displayName" [url]="person.avatarUrl" [size]="24" />
            </a>
          }
        </span>
        <span>{{ text.key | t: { n: text.n } }}</span>
      </p>
    }
  `,
  styles: `
    .mutual {
      display: flex;
      align-items: center;
      gap: var(--wit-space-2);
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .mutual__faces {
      display: inline-flex;
    }
    .mutual__face {
      display: inline-flex;
      border: 2px solid var(--wit-color-surface);
      border-radius: 50%;
    }
    .mutual__face + .mutual__face {
      margin-left: -8px;
    }
  `,
})
export class ProfileMutualFriendsComponent {
  private readonly api = inject(FriendsApiService);

  readonly userId = input.required<string>();
  /** The server's count of shared friends, when it sends one. */
  readonly count = input<number | undefined>(undefined);

  private readonly mutual = rxResource<Mutual, string>({
    params: () => this.userId(),
    stream: ({ params: id }) =>
      forkJoin([this.api.friendsOf(id, null, SAMPLE), this.api.friends(null, SAMPLE)]).pipe(
        map(([theirs, mine]) => {
          const myIds = new Set(mine.items.map((u) => u.id));
          return {
            people: theirs.items.filter((u) => myIds.has(u.id)),
            partial: theirs.nextCursor !== null || mine.nextCursor !== null,
          };
        }),
      ),
  });

  protected readonly faces = computed(() => (this.mutual.hasValue() ? this.mutual.value().people.slice(0, FACES) : []));

  protected readonly label = computed(() => {
    const known = this.count();
    const found = this.mutual.hasValue() ? this.mutual.value() : null;
    if (known !== undefined) return known > 0 ? { key: 'profile.mutualFriends' as const, n: known } : null;
    if (!found || !found.people.length) return null;
    return {
      key: found.partial ? ('profile.mutualFriendsAtLeast' as const) : ('profile.mutualFriends' as const),
      n: found.people.length,
    };
  });
}
