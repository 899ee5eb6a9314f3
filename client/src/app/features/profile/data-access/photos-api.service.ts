import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AddAlbumImagesRequest, Album, Image, Page, SaveAlbumRequest } from '@world-it/contracts';
import type { Observable } from 'rxjs';

export const PHOTOS_PAGE_SIZE = 24;

function pageParams(cursor: string | null, limit: number): HttpParams {
  const params = new HttpParams().set('limit', String(limit));
  return cursor ? params.set('cursor', cursor) : params;
}

/** The "Photos and albums" endpoints of the contract, one method each; no state lives here. */
@Injectable({ providedIn: 'root' })
export class PhotosApiService {
  private readonly http = inject(HttpClient);

  images(userId: string, cursor: string | null = null, limit = PHOTOS_PAGE_SIZE): Observable<Page<Image>> {
    return this.http.get<Page<Image>>(`/api/profiles/${encodeURIComponent(userId)}/images`, {
      params: pageParams(cursor, limit),
    });
  }

  /** DELETE /api/uploads/:id: gone from my photos and albums; posts and messages keep a placeholder. */
  deleteImage(imageId: string): Observable<void> {
    return this.http.delete<void>(`/api/uploads/${encodeURIComponent(imageId)}`);
  }

  albums(userId: string): Observable<Album[]> {
    return this.http.get<Album[]>(`/api/profiles/${encodeURIComponent(userId)}/albums`);
  }

  createAlbum(body: SaveAlbumRequest): Observable<Album> {
    return this.http.post<Album>('/api/albums', body);
  }

  updateAlbum(albumId: string, body: SaveAlbumRequest): Observable<Album> {
    return this.http.patch<Album>(`/api/albums/${encodeURIComponent(albumId)}`, body);
  }

  deleteAlbum(albumId: string): Observable<void> {
    return this.http.delete<void>(`/api/albums/${encodeURIComponent(albumId)}`);
  }

  albumImages(albumId: string, cursor: string | null = null, limit = PHOTOS_PAGE_SIZE): Observable<Page<Image>> {
    return this.http.get<Page<Image>>(`/api/albums/${encodeURIComponent(albumId)}/images`, {
      params: pageParams(cursor, limit),
    });
  }

  addToAlbum(albumId: string, imageIds: string[]): Observable<Album> {
    const body: AddAlbumImagesRequest = { imageIds };
    return this.http.post<Album>(`/api/albums/${encodeURIComponent(albumId)}/images`, body);
  }

  removeFromAlbum(albumId: string, imageId: string): Observable<void> {
    return this.http.delete<void>(`/api/albums/${encodeURIComponent(albumId)}/images/${encodeURIComponent(imageId)}`);
  }
}
