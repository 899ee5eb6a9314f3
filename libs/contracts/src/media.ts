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
