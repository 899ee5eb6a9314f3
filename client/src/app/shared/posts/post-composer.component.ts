import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import {
  type CreatePostRequest,
  type Post,
  POST_CONTENT_MAX,
  POST_LINKS_MAX,
  POST_TAGS_MAX,
  POST_TITLE_MAX,
  type PostVisibility,
  type TagCount,
} from '@world-it/contracts';
import { catchError, debounceTime, distinctUntilChanged, of, Subject, switchMap } from 'rxjs';

import type { TranslationKey } from '../../core/i18n/en';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { genericErrorMessage, msg, UiMessagePipe, type UiMessage } from '../../core/i18n/ui-message';
import { UPLOAD_PROBLEM_KEYS, type UploadProblem } from '../data-access/upload/upload-progress';
import { DropZoneComponent } from '../ui/drop-zone/drop-zone.component';
import { ProgressBarComponent } from '../ui/progress-bar/progress-bar.component';
import { hostOf, isHttpUrl, isValidTag, normaliseTag } from './post-fields';
import { PostImages } from './post-images';
import { PostsApiService } from './posts-api.service';

let nextComposerId = 1;

/**
 * Writes a post, or edits one (`post` given): title, text, tag chips with suggestions from the
 * tags people already use, links (http/https), several pictures uploading side by side with a
 * preview each, and who may see it. Mistakes are named under their field; a refusal by the server
 * is shown as its own message.
 */
@Component({
  selector: 'wit-post-composer',
  imports: [TranslatePipe, UiMessagePipe, DropZoneComponent, ProgressBarComponent],
  providers: [PostImages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './post-composer.component.html',
  styleUrl: './post-composer.component.css',
})
export class PostComposerComponent {
  private readonly api = inject(PostsApiService);
  protected readonly images = inject(PostImages);

  /** The post being edited; none writes a new one. */
  readonly post = input<Post | null>(null);
  /** Start folded to a single line until the person begins (the feed); an edit always starts open. */
  readonly foldable = input(false);
  readonly saved = output<Post>();
  readonly cancelled = output<void>();

  protected readonly uid = `composer-${nextComposerId++}`;
  protected readonly titleMax = POST_TITLE_MAX;
  protected readonly contentMax = POST_CONTENT_MAX;
  protected readonly tagsMax = POST_TAGS_MAX;
  protected readonly linksMax = POST_LINKS_MAX;

  protected readonly expanded = signal(false);
  protected readonly title = signal('');
  protected readonly content = signal('');
  protected readonly tags = signal<readonly string[]>([]);
  protected readonly tagDraft = signal('');
  protected readonly links = signal<readonly string[]>([]);
  protected readonly linkDraft = signal('');
  protected readonly visibility = signal<PostVisibility>('public');

  protected readonly tagError = signal<TranslationKey | null>(null);
  protected readonly linkError = signal<TranslationKey | null>(null);
  protected readonly imagesNote = signal<TranslationKey | null>(null);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<UiMessage | null>(null);

  protected readonly suggestions = signal<readonly TagCount[]>([]);
  protected readonly activeSuggestion = signal(-1);
  private readonly tagQueries = new Subject<string>();

  protected readonly open = computed(() => !this.foldable() || this.expanded() || !!this.post());
  protected readonly editing = computed(() => !!this.post());
  protected readonly titleError = computed<TranslationKey | null>(() => {
    const t = this.title().trim();
    if (!t) return 'posts.composer.titleRequired';
    if (t.length > POST_TITLE_MAX) return 'posts.composer.titleTooLong';
    return null;
  });
  protected readonly contentError = computed<TranslationKey | null>(() =>
    this.content().length > POST_CONTENT_MAX ? 'posts.composer.contentTooLong' : null,
  );
  protected readonly contentLeft = computed(() => POST_CONTENT_MAX - this.content().length);

  private readonly titleInput = viewChild<ElementRef<HTMLInputElement>>('titleInput');
  private readonly tagInput = viewChild<ElementRef<HTMLInputElement>>('tagInput');
  private readonly linkInput = viewChild<ElementRef<HTMLInputElement>>('linkInput');

  constructor() {
    effect(() => {
      const post = this.post();
      untracked(() => this.fill(post));
    });
    const sub = this.tagQueries
      .pipe(
        debounceTime(150),
        distinctUntilChanged(),
        switchMap((prefix) =>
          prefix ? this.api.tags(prefix).pipe(catchError(() => of<TagCount[]>([]))) : of<TagCount[]>([]),
        ),
      )
      .subscribe((found) => {
        const chosen = new Set(this.tags());
        const active = this.suggestions()[this.activeSuggestion()]?.name;
        const next = found.filter((t) => !chosen.has(t.name));
        this.suggestions.set(next);
        // Results for a longer prefix, arriving after the arrow keys moved, keep the suggestion picked.
        this.activeSuggestion.set(active ? next.findIndex((t) => t.name === active) : -1);
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  /** Opens the folded composer and puts the cursor in the title (the empty feed's "Write a post"). */
  focus(): void {
    this.expanded.set(true);
    setTimeout(() => this.titleInput()?.nativeElement.focus());
  }

  // Tags

  protected onTagInput(value: string): void {
    // A comma or a space ends a tag, as people type them.
    if (/[,\s]$/.test(value)) {
      this.tagDraft.set(value.replace(/[,\s]+$/, ''));
      this.addTag();
      return;
    }
    this.tagDraft.set(value);
    this.tagError.set(null);
    this.tagQueries.next(normaliseTag(value));
  }

  protected onTagKeydown(event: KeyboardEvent): void {
    const list = this.suggestions();
    if (event.key === 'ArrowDown' && list.length) {
      event.preventDefault();
      this.activeSuggestion.update((i) => (i + 1) % list.length);
    } else if (event.key === 'ArrowUp' && list.length) {
      event.preventDefault();
      this.activeSuggestion.update((i) => (i <= 0 ? list.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = list[this.activeSuggestion()];
      this.addTag(picked?.name);
    } else if (event.key === 'Escape' && list.length) {
      event.preventDefault();
      this.closeSuggestions();
    } else if (event.key === 'Backspace' && !this.tagDraft() && this.tags().length) {
      this.tags.update((tags) => tags.slice(0, -1));
    }
  }

  protected addTag(raw = this.tagDraft()): void {
    const tag = normaliseTag(raw);
    if (!tag) return;
    if (!isValidTag(tag)) {
      this.tagError.set('posts.composer.tagInvalid');
      return;
    }
    if (!this.tags().includes(tag)) {
      if (this.tags().length >= POST_TAGS_MAX) {
        this.tagError.set('posts.composer.tagsTooMany');
        return;
      }
      this.tags.update((tags) => [...tags, tag]);
    }
    this.tagDraft.set('');
    clearBox(this.tagInput());
    this.tagError.set(null);
    this.closeSuggestions();
  }

  protected removeTag(tag: string): void {
    this.tags.update((tags) => tags.filter((t) => t !== tag));
  }

  protected closeSuggestions(): void {
    this.suggestions.set([]);
    this.activeSuggestion.set(-1);
    this.tagQueries.next('');
  }

  protected suggestionId(i: number): string {
    return `${this.uid}-tag-option-${i}`;
  }

  // Links

  protected onLinkKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.addLink();
    }
  }

  protected addLink(): void {
    const link = this.linkDraft().trim();
    if (!link) return;
    if (!isHttpUrl(link)) {
      this.linkError.set('posts.composer.linkInvalid');
      return;
    }
    if (!this.links().includes(link)) {
      if (this.links().length >= POST_LINKS_MAX) {
        this.linkError.set('posts.composer.linksTooMany');
        return;
      }
      this.links.update((links) => [...links, link]);
    }
    this.linkDraft.set('');
    clearBox(this.linkInput());
    this.linkError.set(null);
  }

  protected removeLink(link: string): void {
    this.links.update((links) => links.filter((l) => l !== link));
  }

  protected host(link: string): string {
    return hostOf(link);
  }

  // Images

  protected addImages(files: File[]): void {
    const left = this.images.add(files);
    this.imagesNote.set(left ? 'posts.composer.imagesTooMany' : null);
  }

  protected problemKey(problem: UploadProblem | null): TranslationKey {
    return UPLOAD_PROBLEM_KEYS[problem ?? 'failed'];
  }

  // Saving

  protected submit(): void {
    this.submitted.set(true);
    this.serverError.set(null);
    // A link or tag still in its box counts as meant.
    if (this.linkDraft().trim()) this.addLink();
    if (this.tagDraft().trim()) this.addTag();
    if (this.titleError() || this.contentError() || this.linkError() || this.tagError()) {
      if (this.titleError()) this.titleInput()?.nativeElement.focus();
      return;
    }
    if (this.images.busy()) {
      this.serverError.set(msg('posts.composer.waitForImages'));
      return;
    }
    if (this.saving()) return;
    const body: CreatePostRequest = {
      title: this.title().trim(),
      content: this.content(),
      tags: [...this.tags()],
      links: [...this.links()],
      imageIds: this.images.imageIds(),
      visibility: this.visibility(),
    };
    const post = this.post();
    this.saving.set(true);
    (post ? this.api.update(post.id, body) : this.api.create(body)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        if (!post) this.fill(null);
        this.saved.emit(saved);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.serverError.set(genericErrorMessage(err));
      },
    });
  }

  protected cancel(): void {
    if (this.post()) {
      this.cancelled.emit();
      return;
    }
    this.fill(null);
    this.cancelled.emit();
  }

  private fill(post: Post | null): void {
    this.title.set(post?.title ?? '');
    this.content.set(post?.content ?? '');
    this.tags.set(post?.tags ?? []);
    this.links.set(post?.links ?? []);
    this.visibility.set(post?.visibility ?? 'public');
    this.images.reset(post?.images ?? []);
    this.tagDraft.set('');
    this.linkDraft.set('');
    this.tagError.set(null);
    this.linkError.set(null);
    this.imagesNote.set(null);
    this.serverError.set(null);
    this.submitted.set(false);
    this.expanded.set(false);
    this.suggestions.set([]);
  }
}

/**
 * Empties a box at once. The `[value]` binding would do it at the next change detection, which in a
 * zoneless app comes after the keys already typed: the next tag's first letters would land behind
 * the old one ("#Angular", Enter, "T" read as "AngularT").
 */
function clearBox(box: ElementRef<HTMLInputElement> | undefined): void {
  if (box) box.nativeElement.value = '';
}
