import { UPLOAD_MAX_BYTES, UPLOAD_MIME_TYPES } from '@world-it/contracts';

/** The `accept` attribute of every picture input: the types the server takes. */
export const IMAGE_ACCEPT = UPLOAD_MIME_TYPES.join(',');

/**
 * Why a picked file cannot be uploaded ('badType' | 'tooBig'), or null when it may go. A quick check
 * on the browser's idea of the type and the size, so a person hears at once; the server checks the
 * content again.
 */
export function imageFileProblem(file: Pick<File, 'type' | 'size'>): 'badType' | 'tooBig' | null {
  if (!(UPLOAD_MIME_TYPES as readonly string[]).includes(file.type)) return 'badType';
  if (file.size > UPLOAD_MAX_BYTES) return 'tooBig';
  return null;
}

/** The files of a drop or a file input, as an array. */
export function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : [];
}
