import {
  ChangeDetectionStrategy,
  DestroyRef,
  ElementRef,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Post, PostNewEvent, PostScope } from '@world-it/contracts';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { NoticeService } from '../../../core/notice/notice.service';
import { SocketService } from '../../../core/socket/socket.service';
import { PostComposerComponent } from '../../../shared/posts/post-composer.component';
import { PostListComponent } from '../../../shared/posts/post-list.component';
import { PostListStore } from '../../../shared/posts/post-list.store';
import { EmptyStateComponent } from '../../../shared/ui/empty-state/empty-state.component';

/** How long a post of mine may take to arrive from this page's own composer before it counts as new. */
const OWN_POST_GRACE_MS = 3000;

function isPostNew(e: unknown): e is PostNewEvent {
  if (typeof e !== 'object' || e === null) return false;
  const { postId, authorId } = e as Record<string, unknown>;
  return typeof postId === 'string' && typeof authorId === 'string';
}

/**
 * The home page: write a post, then read mine and my friends' (`feed`) or everyone's I may see
 * (`all`, `?scope=all`). Friends' new posts announce themselves over the socket as a "N new posts"
 * banner instead of pushing the page about while I read; pressing it brings them in on top.
 */
@Component({
  selector: 'wit-feed-page',
  imports: [RouterLink, TranslatePipe, PostComposerComponent, PostListComponent, EmptyStateComponent],
  providers: [PostListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './feed.page.html',
  styleUrl: './feed.page.css',
})
export class FeedPage {
  protected readonly store = inject(PostListStore);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notices = inject(NoticeService);

  /** `?scope=all`; anything else is the feed. */
  readonly scope = input<string | undefined>();
  protected readonly current = computed<PostScope>(() => (this.scope() === 'all' ? 'all' : 'feed'));

  /** Posts announced since the list loaded, not yet shown. */
  private readonly pending = signal<ReadonlySet<string>>(new Set());
  protected readonly newCount = computed(() => this.pending().size);
  protected readonly loadingNew = signal(false);
  protected readonly firstName = computed(() => this.auth.me()?.displayName ?? '');

  private readonly composer = viewChild(PostComposerComponent);
  private readonly top = viewChild<ElementRef<HTMLElement>>('top');

  constructor() {
    effect(() => {
      const scope = this.current();
      untracked(() => {
        this.pending.set(new Set());
        this.store.load({ scope });
      });
    });
    inject(SocketService)
      .on('post:new')
      .pipe(takeUntilDestroyed())
      .subscribe((e: unknown) => {
        if (!isPostNew(e) || this.store.has(e.postId)) return;
        if (e.authorId !== this.auth.me()?.id) {
          this.announce(e.postId);
          return;
        }
        // My own post: the server announces it before it answers the request that wrote it, so one
        // written here is on top a moment later; one from my other device gets the banner.
        const timer = setTimeout(() => {
          this.ownTimers.delete(timer);
          if (!this.store.has(e.postId)) this.announce(e.postId);
        }, OWN_POST_GRACE_MS);
        this.ownTimers.add(timer);
      });
    inject(DestroyRef).onDestroy(() => this.ownTimers.forEach((t) => clearTimeout(t)));
  }

  private readonly ownTimers = new Set<ReturnType<typeof setTimeout>>();

  private announce(postId: string): void {
    this.pending.update((ids) => new Set(ids).add(postId));
  }

  protected async showNew(): Promise<void> {
    if (this.loadingNew()) return;
    this.loadingNew.set(true);
    const ok = await this.store.loadNewer();
    this.loadingNew.set(false);
    if (!ok) {
      this.notices.error(this.i18n.t('posts.loadError'));
      return;
    }
    this.pending.set(new Set());
    // Back to the top, where the new posts now are.
    this.top()?.nativeElement.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }

  protected onCreated(post: Post): void {
    this.store.prepend(post);
    this.pending.update((ids) => {
      const next = new Set(ids);
      next.delete(post.id);
      return next;
    });
    this.notices.success(this.i18n.t('posts.composer.published'));
  }

  protected writeFirst(): void {
    this.composer()?.focus();
  }
}
