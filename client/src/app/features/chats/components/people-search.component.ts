import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Profile } from '@world-it/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, Subject, switchMap } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { ChatApiService } from '../data-access/chat-api.service';
import { DirectChatService } from '../data-access/direct-chat.service';

type SearchState =
  { status: 'loading' } | { status: 'done'; query: string; people: Profile[] } | { status: 'unavailable' };

/**
 * Finds people (GET /api/profiles?search=) for the member pickers. Each result has one action
 * button (add / select) and optionally "Message". If the search endpoint fails, it says so and the
 * surrounding form keeps working.
 */
@Component({
  selector: 'wit-people-search',
  imports: [TranslatePipe, AvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <label class="field__label" [for]="inputId()">{{ label() }}</label>
      <input
        class="input"
        type="search"
        autocomplete="off"
        [id]="inputId()"
        [attr.data-testid]="inputTestId()"
        [placeholder]="'chats.group.searchPlaceholder' | t"
        (input)="query$.next($any($event.target).value)"
      />
    </div>
    @switch (state().status) {
      @case ('loading') {
        <p class="people__note" role="status">
          <span class="spinner" aria-hidden="true"></span> {{ 'app.loading' | t }}
        </p>
      }
      @case ('unavailable') {
        <p class="people__note people__note--warn" role="status" data-testid="people-unavailable">
          {{ 'chats.group.peopleUnavailable' | t }}
        </p>
      }
      @case ('done') {
        @if (!visible().length) {
          <p class="people__note" role="status">{{ 'chats.group.noPeople' | t }}</p>
        }
      }
    }
    @if (visible().length) {
      <!-- data-results-for: which search the list answers, so a test (or a reader of the DOM) knows it settled. -->
      <ul class="people" [attr.aria-label]="label()" [attr.data-results-for]="resultsFor()">
        @for (p of visible(); track p.id) {
          <li class="person" [attr.data-user-id]="p.id" data-testid="person">
            <span class="person__pic">
              <wit-avatar [name]="p.displayName" [url]="p.avatarUrl" [size]="36" />
              @if (p.online) {
                <span class="dot" aria-hidden="true"></span>
              }
            </span>
            <span class="person__name">{{ p.displayName }}</span>
            <span class="person__actions">
              @if (showMessage()) {
                <button
                  type="button"
                  class="btn btn--ghost btn--sm"
                  data-testid="person-message"
                  [disabled]="!!direct.opening()"
                  (click)="direct.openDirectChat(p.id)"
                >
                  {{ 'chats.group.message' | t }}
                </button>
              }
              @let chosen = selected().includes(p.id);
              <button
                type="button"
                class="btn btn--sm"
                [class.btn--primary]="!chosen"
                [attr.data-testid]="actionTestId()"
                [attr.aria-pressed]="toggle() ? chosen : null"
                [disabled]="busyIds().includes(p.id)"
                [attr.aria-label]="(chosen ? actionDoneLabel() : actionLabel()) + ': ' + p.displayName"
                (click)="picked.emit(p)"
              >
                {{ chosen ? actionDoneLabel() : actionLabel() }}
              </button>
            </span>
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-2);
    }
    .people {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      max-height: 240px;
      overflow-y: auto;
    }
    /* A narrow dialog moves the buttons under the name rather than cutting the name short. */
    .person {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--wit-space-3);
      padding: 6px var(--wit-space-1);
      border-radius: var(--wit-radius-md);
    }
    .person:hover {
      background: var(--wit-color-surface-muted);
    }
    .person__pic {
      position: relative;
      display: inline-flex;
    }
    .person__name {
      flex: 1 1 10rem;
      min-width: 0;
      overflow-wrap: anywhere;
      font-weight: var(--wit-weight-medium);
    }
    .person__actions {
      display: flex;
      gap: var(--wit-space-2);
      margin-left: auto;
    }
    .dot {
      position: absolute;
      right: 0;
      bottom: 0;
      width: 11px;
      height: 11px;
      border-radius: 50%;
      background: #12b76a;
      border: 2px solid var(--wit-color-surface);
    }
    .people__note {
      display: flex;
      align-items: center;
      gap: var(--wit-space-2);
      font-size: var(--wit-text-sm);
      color: var(--wit-color-text-muted);
    }
    .people__note--warn {
      padding: var(--wit-space-2) var(--wit-space-3);
      border-radius: var(--wit-radius-md);
      color: var(--wit-color-warning);
      background: var(--wit-color-warning-soft);
    }
  `,
})
export class PeopleSearchComponent {
  private readonly api = inject(ChatApiService);
  private readonly auth = inject(AuthService);
  protected readonly direct = inject(DirectChatService);

  readonly label = input.required<string>();
  readonly inputId = input('people-search');
  readonly inputTestId = input('people-search');
  readonly actionLabel = input.required<string>();
  readonly actionDoneLabel = input('');
  readonly actionTestId = input('person-pick');
  /** Selected ids show the "done" label (a toggle picker). */
  readonly selected = input<readonly string[]>([]);
  readonly toggle = input(false);
  /** People not to list (already members). */
  readonly exclude = input<readonly string[]>([]);
  readonly busyIds = input<readonly string[]>([]);
  readonly showMessage = input(false);
  readonly picked = output<Profile>();

  protected readonly query$ = new Subject<string>();
  protected readonly state = signal<SearchState>({ status: 'loading' });
  protected readonly visible = computed(() => {
    const s = this.state();
    if (s.status !== 'done') return [];
    const hidden = new Set([...this.exclude(), this.auth.me()?.id ?? '']);
    return s.people.filter((p) => !hidden.has(p.id));
  });

  protected readonly resultsFor = computed(() => {
    const s = this.state();
    return s.status === 'done' ? s.query : null;
  });

  constructor() {
    this.query$
      .pipe(
        debounceTime(250),
        map((q) => q.trim()),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) => {
          this.state.set({ status: 'loading' });
          return this.api.searchPeople(q, 20).pipe(
            map((page): SearchState => ({
              status: 'done',
              query: q,
              people: Array.isArray(page?.items) ? page.items : [],
            })),
            catchError(() => of<SearchState>({ status: 'unavailable' })),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((s) => this.state.set(s));
  }
}
