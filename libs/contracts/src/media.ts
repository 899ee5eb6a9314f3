export interface Image {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const UPLOAD_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const THUMB_MAX_PX = 320;

/** GET /api/profiles/me/avatars: my avatar history, newest first; exactly one is active while I have any. */
export interface AvatarImage extends Image {
  active: boolean;
}

/** POST /api/profiles/me/avatar */
export interface SetAvatarRequest {
  imageId: string;
}

/** A photo album (the seed's albums with name, theme and year). */
export interface Album {
  id: string;
  name: string;
  theme: string;
  year: number | null;
  cover: Image | null;
  imagesCount: number;
  createdAt: string;
}

export const ALBUM_NAME_MAX = 100;
export const ALBUM_THEME_MAX = 100;
/** `year` runs from ALBUM_YEAR_MIN to next year (checked against the server's clock). */
export const ALBUM_YEAR_MIN = 1900;
/** POST /api/albums/:id/images takes 1..ALBUM_ADD_IMAGES_MAX ids per request. */
export const ALBUM_ADD_IMAGES_MAX = 50;

/** POST /api/albums · PATCH /api/albums/:id (any of the fields; `year: null` clears it). */
export interface SaveAlbumRequest {
  name?: string;
  theme?: string;
  year?: number | null;
}

/** POST /api/albums/:id/images — own images only. */
export interface AddAlbumImagesRequest {
  imageIds: string[];
}
