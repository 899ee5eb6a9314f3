import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Album, Image } from '@world-it/contracts';
import type { Subscription } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { NoticeService } from '../../../core/notice/notice.service';
import { ConfirmDialogComponent } from '../../../shared/ui/confirm-dialog/confirm-dialog.component';
import { LightboxComponent, type LightboxItem } from '../../../shared/ui/lightbox/lightbox.component';
import { PhotosApiService } from '../data-access/photos-api.service';
import { AlbumFormDialogComponent } from './album-form-dialog.component';
import { AlbumPickerDialogComponent } from './album-picker-dialog.component';
import { PhotoGridComponent } from './photo-grid.component';
import { PhotoUploaderComponent } from './photo-uploader.component';

type Tab = 'photos' | 'albums';

/** A page of pictures as the view holds it. */
interface Gallery {
  status: 'loading' | 'ready' | 'error';
  items: Image[];
  nextCursor: string | null;
  loadingMore: boolean;
}

type Pending =
  | { kind: 'deletePhoto'; image: Image }
  | { kind: 'deleteAlbum'; album: Album }
  | { kind: 'removeFromAlbum'; album: Album; image: Image };

const EMPTY_GALLERY: Gallery = { status: 'loading', items: [], nextCursor: null, loadingMore: false };

/**
 * The Photos tab of a profile: all of a person's photos and their albums, each picture opening in
 * the lightbox. On my own profile I also upload (several at once), make and edit albums, fill them
 * from my photos, take photos out, and delete photos (gone everywhere).
 */
@Component({
  selector: 'wit-profile-photos',
  imports: [
    TranslatePipe,
    ConfirmDialogComponent,
    LightboxComponent,
    AlbumFormDialogComponent,
    AlbumPickerDialogComponent,
    PhotoGridComponent,
    PhotoUploaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-photos.component.html',
  styleUrl: './profile-photos.component.css',
})
export class ProfilePhotosComponent {
  private readonly api = inject(PhotosApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notices = inject(NoticeService);
  private readonly destroyRef = inject(DestroyRef);

  readonly userId = input.required<string>();
  readonly isMe = input(false);

  protected readonly tab = signal<Tab>('photos');
  protected readonly photos = signal<Gallery>(EMPTY_GALLERY);
  protected readonly albums = signal<{ status: 'loading' | 'ready' | 'error'; items: Album[] }>({
    status: 'loading',
    items: [],
  });
  protected readonly openAlbum = signal<Album | null>(null);
  protected readonly albumPhotos = signal<Gallery>(EMPTY_GALLERY);

  /** Which list the lightbox steps through, and where it is (null: closed). */
  private readonly lightboxFrom = signal<'photos' | 'album'>('photos');
  protected readonly lightboxIndex = signal<number | null>(null);
  protected readonly lightboxItems = computed<LightboxItem[]>(() => {
    const list = this.lightboxFrom() === 'photos' ? this.photos().items : this.albumPhotos().items;
    return list.map((image, i) => ({
      url: image.url,
      width: image.width,
      height: image.height,
      alt: this.i18n.t('photos.alt', { n: i + 1 }),
    }));
  });

  protected readonly albumForm = signal<{ album: Album | null } | null>(null);
  protected readonly pickerFor = signal<Album | null>(null);
  protected readonly pending = signal<Pending | null>(null);
  protected readonly pendingBusy = signal(false);
  protected readonly pendingText = computed(() => {
    const p = this.pending();
    if (!p) return '';
    switch (p.kind) {
      case 'deletePhoto':
        return this.i18n.t('photos.deleteConfirm');
      case 'deleteAlbum':
        return this.i18n.t('albums.deleteConfirm', { name: p.album.name });
      case 'removeFromAlbum':
        return this.i18n.t('albums.removeConfirm', { name: p.album.name });
    }
  });

  private photosPage: Subscription | null = null;
  private albumPage: Subscription | null = null;
  private albumsLoad: Subscription | null = null;

  constructor() {
    effect(() => {
      this.userId();
      untracked(() => {
        this.tab.set('photos');
        this.closeAlbum();
        this.lightboxIndex.set(null);
        this.loadPhotos();
        this.loadAlbums();
      });
    });
  }

  protected selectTab(tab: Tab): void {
    this.tab.set(tab);
    if (tab === 'photos') this.closeAlbum();
  }

  /** ← → between the two tabs, as the tabs pattern expects. */
  protected onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = this.tab() === 'photos' ? 'albums' : 'photos';
    this.selectTab(next);
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
  }

  loadPhotos(): void {
    this.photosPage?.unsubscribe();
    this.photos.set(EMPTY_GALLERY);
    this.photosPage = this.fetchPage(this.photos, null, (cursor) => this.api.images(this.userId(), cursor));
  }

  protected morePhotos(): void {
    const g = this.photos();
    if (!g.nextCursor || g.loadingMore) return;
    this.photosPage = this.fetchPage(this.photos, g.nextCursor, (cursor) => this.api.images(this.userId(), cursor));
  }

  loadAlbums(): void {
    this.albumsLoad?.unsubscribe();
    this.albums.update((a) => ({ status: a.items.length ? a.status : 'loading', items: a.items }));
    this.albumsLoad = this.api
      .albums(this.userId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => {
          this.albums.set({ status: 'ready', items });
          // The open album's cover and count follow.
          const open = this.openAlbum();
          if (open) this.openAlbum.set(items.find((a) => a.id === open.id) ?? null);
        },
        error: () => this.albums.set({ status: 'error', items: [] }),
      });
  }

  protected showAlbum(album: Album): void {
    this.openAlbum.set(album);
    this.albumPage?.unsubscribe();
    this.albumPhotos.set(EMPTY_GALLERY);
    this.albumPage = this.fetchPage(this.albumPhotos, null, (cursor) => this.api.albumImages(album.id, cursor));
  }

  protected moreAlbumPhotos(): void {
    const album = this.openAlbum();
    const g = this.albumPhotos();
    if (!album || !g.nextCursor || g.loadingMore) return;
    this.albumPage = this.fetchPage(this.albumPhotos, g.nextCursor, (cursor) => this.api.albumImages(album.id, cursor));
  }

  protected closeAlbum(): void {
    this.albumPage?.unsubscribe();
    this.openAlbum.set(null);
    this.albumPhotos.set(EMPTY_GALLERY);
  }

  protected openPhoto(from: 'photos' | 'album', index: number): void {
    this.lightboxFrom.set(from);
    this.lightboxIndex.set(index);
  }

  protected onUploaded(image: Image): void {
    this.photos.update((g) =>
      g.items.some((i) => i.id === image.id) ? g : { ...g, status: 'ready', items: [image, ...g.items] },
    );
  }

  protected onAlbumSaved(album: Album): void {
    this.albumForm.set(null);
    this.albums.update((a) => {
      const known = a.items.some((x) => x.id === album.id);
      return {
        status: 'ready',
        items: known ? a.items.map((x) => (x.id === album.id ? album : x)) : [album, ...a.items],
      };
    });
    if (this.openAlbum()?.id === album.id) this.openAlbum.set(album);
  }

  protected onImagesAdded(album: Album): void {
    this.pickerFor.set(null);
    this.albums.update((a) => ({ ...a, items: a.items.map((x) => (x.id === album.id ? album : x)) }));
    if (this.openAlbum()?.id === album.id) this.showAlbum(album);
  }

  protected confirmPending(): void {
    const p = this.pending();
    if (!p || this.pendingBusy()) return;
    this.pendingBusy.set(true);
    const request =
      p.kind === 'deletePhoto'
        ? this.api.deleteImage(p.image.id)
        : p.kind === 'deleteAlbum'
          ? this.api.deleteAlbum(p.album.id)
          : this.api.removeFromAlbum(p.album.id, p.image.id);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.pendingBusy.set(false);
        this.pending.set(null);
        this.settle(p);
      },
      error: (err: unknown) => {
        this.pendingBusy.set(false);
        this.pending.set(null);
        this.notices.error(err);
      },
    });
  }

  /** What the view shows after a confirmed change, without reloading what did not change. */
  private settle(p: Pending): void {
    const without = (g: Gallery, id: string): Gallery => ({ ...g, items: g.items.filter((i) => i.id !== id) });
    switch (p.kind) {
      case 'deletePhoto':
        this.photos.update((g) => without(g, p.image.id));
        this.albumPhotos.update((g) => without(g, p.image.id));
        this.lightboxIndex.set(null);
        this.notices.success(this.i18n.t('photos.deleted'));
        this.loadAlbums(); // covers and counts may have changed
        // It may have been my active avatar: the server then falls back to another (or none).
        this.auth.loadMe().pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
        break;
      case 'deleteAlbum':
        this.albums.update((a) => ({ ...a, items: a.items.filter((x) => x.id !== p.album.id) }));
        if (this.openAlbum()?.id === p.album.id) this.closeAlbum();
        this.notices.success(this.i18n.t('albums.deleted'));
        break;
      case 'removeFromAlbum':
        this.albumPhotos.update((g) => without(g, p.image.id));
        this.lightboxIndex.set(null);
        this.notices.success(this.i18n.t('albums.removed'));
        this.loadAlbums();
        break;
    }
  }

  private fetchPage(
    target: typeof this.photos,
    cursor: string | null,
    request: (cursor: string | null) => ReturnType<PhotosApiService['images']>,
  ): Subscription {
    if (cursor) target.update((g) => ({ ...g, loadingMore: true }));
    return request(cursor)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) =>
          target.update((g) => ({
            status: 'ready',
            // An upload that landed meanwhile may be on the next page too.
            items: [...g.items, ...page.items.filter((i) => !g.items.some((x) => x.id === i.id))],
            nextCursor: page.nextCursor,
            loadingMore: false,
          })),
        error: (err: unknown) => {
          if (cursor) this.notices.error(err);
          target.update((g) => (cursor ? { ...g, loadingMore: false } : { ...EMPTY_GALLERY, status: 'error' }));
        },
      });
  }
}
