import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Post } from '@world-it/contracts';
import { firstValueFrom } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { NoticeService } from '../../core/notice/notice.service';
import { AvatarComponent } from '../ui/avatar/avatar.component';
import { ConfirmDialogComponent } from '../ui/confirm-dialog/confirm-dialog.component';
import { DialogComponent } from '../ui/dialog/dialog.component';
import { LightboxComponent, type LightboxItem } from '../ui/lightbox/lightbox.component';
import { LinkedTextComponent } from '../ui/linked-text/linked-text.component';
import { formatRelative } from '../util/person-format';
import { hostOf } from './post-fields';
import { PostCommentsComponent } from './post-comments.component';
import { PostComposerComponent } from './post-composer.component';
import { PostsApiService } from './posts-api.service';

/**
 * One post: who wrote it and when, its text (plain, with links), pictures that open in the
 * lightbox, links by their host, tags to their pages, a like with its count (changed at once, put
 * back if the server refuses), comments, and Edit / Delete for its author. The card reports each
 * change; the page that holds the post owns it.
 */
@Component({
  selector: 'wit-post-card',
  imports: [
    RouterLink,
    TranslatePipe,
    AvatarComponent,
    ConfirmDialogComponent,
    DialogComponent,
    LightboxComponent,
    LinkedTextComponent,
    PostCommentsComponent,
    PostComposerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './post-card.component.html',
  styleUrl: './post-card.component.css',
})
export class PostCardComponent {
  private readonly api = inject(PostsApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notices = inject(NoticeService);

  readonly post = input.required<Post>();
  /** Comments open from the start (the post's own page). */
  readonly showComments = input(false);
  /** The title links to the post's page (not on that page itself). */
  readonly linkTitle = input(true);
  readonly changed = output<Post>();
  readonly deleted = output<string>();

  protected readonly commentsOpen = signal<boolean | null>(null);
  protected readonly commentsShown = computed(() => this.commentsOpen() ?? this.showComments());
  protected readonly editing = signal(false);
  protected readonly confirmDelete = signal(false);
  protected readonly removing = signal(false);
  protected readonly lightboxIndex = signal<number | null>(null);
  private liking = false;

  protected readonly mine = computed(() => this.post().author.id === this.auth.me()?.id);
  /** The author, or an admin (who may delete any post, never edit it). */
  protected readonly canDelete = computed(() => this.mine() || this.auth.me()?.role === 'admin');
  protected readonly edited = computed(() => {
    const p = this.post();
    return new Date(p.updatedAt).getTime() - new Date(p.createdAt).getTime() > 1000;
  });
  protected readonly when = computed(() => formatRelative(this.post().createdAt, this.i18n.lang()));
  protected readonly exactTime = computed(() =>
    new Intl.DateTimeFormat(this.i18n.lang() === 'uk' ? 'uk-UA' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(this.post().createdAt)),
  );
  protected readonly lightboxItems = computed<LightboxItem[]>(() => {
    const p = this.post();
    return p.images.map((img, i) => ({
      url: img.url,
      width: img.width,
      height: img.height,
      alt: this.i18n.t('posts.card.imageAlt', { n: i + 1, total: p.images.length, title: p.title }),
      caption: p.author.displayName,
    }));
  });
  /** The grid's shape: one picture wide, two side by side, or a grid of squares. */
  protected readonly gridClass = computed(() => {
    const n = this.post().images.length;
    return n === 1 ? 'grid--one' : n === 2 ? 'grid--two' : n === 3 ? 'grid--three' : 'grid--many';
  });
  protected readonly shownImages = computed(() => this.post().images.slice(0, 4));
  protected readonly hiddenImages = computed(() => Math.max(0, this.post().images.length - 4));

  protected host(url: string): string {
    return hostOf(url);
  }

  protected path(url: string): string {
    try {
      const u = new URL(url);
      const rest = u.pathname + u.search;
      return rest === '/' ? '' : rest;
    } catch {
      return '';
    }
  }

  protected async toggleLike(): Promise<void> {
    if (this.liking) return;
    const before = this.post();
    const liked = !before.likedByMe;
    this.liking = true;
    this.changed.emit({
      ...before,
      likedByMe: liked,
      likesCount: Math.max(0, before.likesCount + (liked ? 1 : -1)),
    });
    try {
      const state = await firstValueFrom(this.api.setLiked(before.id, liked));
      this.changed.emit({ ...this.post(), ...state });
    } catch (err) {
      this.changed.emit({ ...this.post(), likedByMe: before.likedByMe, likesCount: before.likesCount });
      this.notices.error(err);
    } finally {
      this.liking = false;
    }
  }

  protected toggleComments(): void {
    this.commentsOpen.set(!this.commentsShown());
  }

  protected onCommentCount(commentsCount: number): void {
    this.changed.emit({ ...this.post(), commentsCount });
  }

  protected onSaved(post: Post): void {
    this.editing.set(false);
    this.changed.emit(post);
    this.notices.success(this.i18n.t('posts.card.saved'));
  }

  protected async remove(): Promise<void> {
    if (this.removing()) return;
    this.removing.set(true);
    try {
      await firstValueFrom(this.api.remove(this.post().id));
      this.confirmDelete.set(false);
      this.notices.success(this.i18n.t('posts.card.deleted'));
      this.deleted.emit(this.post().id);
    } catch (err) {
      this.notices.error(err);
    } finally {
      this.removing.set(false);
    }
  }
}
