import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { Page, Profile } from '@world-it/contracts';
import { catchError, debounceTime, map, merge, of, Subject, type Subscription, switchMap, tap } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { ProfilesApiService } from '../../../core/profiles/profiles-api.service';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';
import { PersonCardComponent } from '../components/person-card.component';

export const SEARCH_DEBOUNCE_MS = 300;

type FirstPage = { ok: true; page: Page<Profile> } | { ok: false; error: UiMessage };

/**
 * People: everyone on World IT, newest first, searchable by name. The search lives in the URL
 * (`?search=`), so a reload or a shared link shows the same results; more load by cursor.
 */
@Component({
  selector: 'wit-people-page',
  imports: [TranslatePipe, UiMessagePipe, EmptyStateComponent, PersonCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './people.page.html',
  styleUrl: './people.page.css',
})
export class PeoplePage {
  private readonly api = inject(ProfilesApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly auth = inject(AuthService);

  /** `?search=` of the URL, bound by the router. */
  readonly search = input<string | undefined>();
  /** What the request searches for. */
  protected readonly term = computed(() => (this.search() ?? '').trim());
  /**
   * The text in the box; follows the keyboard and the URL (back/forward), but keeps what was typed
   * when the URL only lost its surrounding spaces (so "ann " does not lose its space mid-typing).
   */
  protected readonly draft = linkedSignal<string | undefined, string>({
    source: this.search,
    computation: (search, previous) => {
      const next = search ?? '';
      return previous && previous.value.trim() === next.trim() ? previous.value : next;
    },
  });

  protected readonly people = signal<Profile[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  /** The search the list on screen answers (null until the first page came): set in the DOM for tests. */
  protected readonly shownFor = signal<string | null>(null);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly moreFailed = signal(false);
  protected readonly myId = computed(() => this.auth.me()?.id ?? null);
  protected readonly skeletons = [1, 2, 3, 4, 5, 6];

  private readonly typed = new Subject<string>();
  private readonly retries = new Subject<void>();
  private moreRequest: Subscription | null = null;
  private readonly sentinel = viewChild<ElementRef<HTMLElement>>('sentinel');

  constructor() {
    this.typed.pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed()).subscribe((text) => this.applySearch(text));

    merge(toObservable(this.term), this.retries.pipe(map(() => this.term())))
      .pipe(
        tap(() => {
          this.moreRequest?.unsubscribe();
          this.loadingMore.set(false);
          this.moreFailed.set(false);
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((search) =>
          this.api.list({ search }).pipe(
            tap({ next: () => this.shownFor.set(search), error: () => this.shownFor.set(search) }),
            map((page): FirstPage => ({ ok: true, page })),
            catchError((err: unknown) => of<FirstPage>({ ok: false, error: genericErrorMessage(err) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        if (result.ok) {
          this.people.set(result.page.items);
          this.nextCursor.set(result.page.nextCursor);
        } else {
          this.people.set([]);
          this.nextCursor.set(null);
          this.error.set(result.error);
        }
      });

    afterNextRender(() => {
      const el = this.sentinel()?.nativeElement;
      if (!el || typeof IntersectionObserver === 'undefined') return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting) && !this.moreFailed()) this.loadMore();
        },
        { rootMargin: '300px' },
      );
      observer.observe(el);
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected onInput(value: string): void {
    this.draft.set(value);
    this.typed.next(value);
  }

  /** Enter searches at once, without waiting for the debounce. */
  protected onSubmit(event: Event): void {
    event.preventDefault();
    this.applySearch(this.draft());
  }

  protected clearSearch(): void {
    this.draft.set('');
    this.applySearch('');
  }

  protected retry(): void {
    this.retries.next();
  }

  loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loading() || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreFailed.set(false);
    this.moreRequest = this.api
      .list({ search: this.term(), cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.loadingMore.set(false);
          this.people.update((list) => {
            const seen = new Set(list.map((p) => p.id));
            return [...list, ...page.items.filter((p) => !seen.has(p.id))];
          });
          this.nextCursor.set(page.nextCursor);
        },
        error: () => {
          this.loadingMore.set(false);
          this.moreFailed.set(true);
        },
      });
  }

  /** Puts the search in the URL (replacing the entry, so Back leaves the page, not each keystroke). */
  private applySearch(text: string): void {
    const value = text.trim();
    if (value === this.term()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { search: value || null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
