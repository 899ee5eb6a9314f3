import {
  CROP_OUTPUT_MAX,
  CROP_ZOOM_MAX,
  cropPreview,
  initialCrop,
  moveCrop,
  outputSide,
  zoomCrop,
  zoomOf,
} from './square-crop';

describe('square crop geometry', () => {
  const wide = { width: 400, height: 200 };
  const tall = { width: 300, height: 900 };

  it('starts with the largest centred square', () => {
    expect(initialCrop(wide)).toEqual({ side: 200, x: 100, y: 0 });
    expect(initialCrop(tall)).toEqual({ side: 300, x: 0, y: 300 });
    expect(zoomOf(initialCrop(wide), wide)).toBe(1);
  });

  it('zooms about the centre and never past the limits', () => {
    const zoomed = zoomCrop(initialCrop(wide), wide, 2);
    expect(zoomed).toEqual({ side: 100, x: 150, y: 50 });
    expect(zoomOf(zoomCrop(zoomed, wide, 99), wide)).toBe(CROP_ZOOM_MAX);
    expect(zoomCrop(zoomed, wide, 0.2)).toEqual({ side: 200, x: 100, y: 0 });
  });

  it('moves but stays inside the picture', () => {
    const start = initialCrop(wide);
    expect(moveCrop(start, wide, 50, 30)).toEqual({ side: 200, x: 150, y: 0 });
    expect(moveCrop(start, wide, 500, 0).x).toBe(200);
    expect(moveCrop(start, wide, -500, 0).x).toBe(0);
    const zoomed = zoomCrop(start, wide, 2);
    expect(moveCrop(zoomed, wide, 0, 500)).toEqual({ side: 100, x: 150, y: 100 });
  });

  it('places the picture so that the crop fills the square frame', () => {
    // The crop's left edge at the frame's left: the picture starts one half-frame further left.
    expect(cropPreview({ side: 200, x: 100, y: 0 }, wide)).toEqual({ left: -50, top: -0, width: 200, height: 100 });
    expect(cropPreview({ side: 100, x: 150, y: 50 }, wide)).toEqual({ left: -150, top: -50, width: 400, height: 200 });
  });

  it('saves the crop at its own size, capped', () => {
    expect(outputSide({ side: 200.4, x: 0, y: 0 })).toBe(200);
    expect(outputSide({ side: 5000, x: 0, y: 0 })).toBe(CROP_OUTPUT_MAX);
  });
});
