import { UPLOAD_MAX_BYTES } from '@world-it/contracts';

import { IMAGE_ACCEPT, imageFileProblem } from './image-file';

describe('imageFileProblem (the quick check before an upload leaves)', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp', 'image/gif'])('lets a %s through', (type) => {
    expect(imageFileProblem({ type, size: 1234 })).toBeNull();
  });

  it.each(['image/svg+xml', 'image/heic', 'application/pdf', 'text/plain', ''])('refuses type "%s"', (type) => {
    expect(imageFileProblem({ type, size: 10 })).toBe('badType');
  });

  it('takes exactly 10 MB and refuses one byte more', () => {
    expect(imageFileProblem({ type: 'image/png', size: UPLOAD_MAX_BYTES })).toBeNull();
    expect(imageFileProblem({ type: 'image/png', size: UPLOAD_MAX_BYTES + 1 })).toBe('tooBig');
  });

  it('names the wrong type first when both are wrong', () => {
    expect(imageFileProblem({ type: 'video/mp4', size: UPLOAD_MAX_BYTES * 3 })).toBe('badType');
  });

  it('offers the same four types to the file picker', () => {
    expect(IMAGE_ACCEPT.split(',')).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
  });
});
