/** A square cut out of a picture, in the picture's own pixels. */
export interface SquareCrop {
  x: number;
  y: number;
  side: number;
}

export interface PixelSize {
  width: number;
  height: number;
}

/** How far in one may zoom: the square then shows a quarter of the picture's shorter side. */
export const CROP_ZOOM_MAX = 4;
/** The largest avatar we send: plenty for a 320 px thumbnail, small enough to upload quickly. */
export const CROP_OUTPUT_MAX = 1024;

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** Keeps the square inside the picture. */
function inside(crop: SquareCrop, size: PixelSize): SquareCrop {
  const side = clamp(crop.side, 1, Math.min(size.width, size.height));
  return {
    side,
    x: clamp(crop.x, 0, size.width - side),
    y: clamp(crop.y, 0, size.height - side),
  };
}

/** The largest centred square: what "no crop" means for a round avatar. */
export function initialCrop(size: PixelSize): SquareCrop {
  const side = Math.min(size.width, size.height);
  return { side, x: (size.width - side) / 2, y: (size.height - side) / 2 };
}

/** The zoom of a crop: 1 is the whole shorter side, CROP_ZOOM_MAX the closest. */
export function zoomOf(crop: SquareCrop, size: PixelSize): number {
  return Math.min(size.width, size.height) / crop.side;
}

/** Zooms about the square's centre (1..CROP_ZOOM_MAX), staying inside the picture. */
export function zoomCrop(crop: SquareCrop, size: PixelSize, zoom: number): SquareCrop {
  const side = Math.min(size.width, size.height) / clamp(zoom, 1, CROP_ZOOM_MAX);
  const cx = crop.x + crop.side / 2;
  const cy = crop.y + crop.side / 2;
  return inside({ side, x: cx - side / 2, y: cy - side / 2 }, size);
}

/** Moves the square by (dx, dy) picture pixels, staying inside the picture. */
export function moveCrop(crop: SquareCrop, size: PixelSize, dx: number, dy: number): SquareCrop {
  return inside({ ...crop, x: crop.x + dx, y: crop.y + dy }, size);
}

/**
 * Where the whole picture sits, in percent of a square frame, so that the crop fills the frame
 * (the preview is the picture itself, scaled and shifted: no canvas until it is saved).
 */
export function cropPreview(
  crop: SquareCrop,
  size: PixelSize,
): { left: number; top: number; width: number; height: number } {
  const scale = 100 / crop.side;
  return { left: -crop.x * scale, top: -crop.y * scale, width: size.width * scale, height: size.height * scale };
}

/** The side of the saved square: the crop's own pixels, never more than CROP_OUTPUT_MAX. */
export function outputSide(crop: SquareCrop): number {
  return Math.max(1, Math.round(Math.min(crop.side, CROP_OUTPUT_MAX)));
}

/** Draws the crop of a loaded picture into a square canvas and encodes it (WebP where the browser can). */
export function renderCrop(image: CanvasImageSource, crop: SquareCrop): Promise<Blob> {
  const side = outputSide(crop);
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('No 2D canvas'));
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, crop.x, crop.y, crop.side, crop.side, 0, 0, side, side);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the crop'))), 'image/webp', 0.9),
  );
}
