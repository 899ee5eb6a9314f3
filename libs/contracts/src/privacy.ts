/** Privacy: download my data, delete my account. */

/** POST /api/me/export answers this (202): the archive is made by a job and its link mailed. */
export interface DataExportResponse {
  status: 'queued';
}

/** How long a mailed export link (and its archive) lives. */
export const DATA_EXPORT_TTL_HOURS = 24;
/** At most one export request per user in this many seconds (more → 429 with Retry-After). */
export const DATA_EXPORT_COOLDOWN_SECONDS = 60 * 60;

/** POST /api/me/deletion/code: the password, before a confirmation code is mailed. */
export interface DeletionCodeRequest {
  password: string;
}

/** DELETE /api/me: the password again and the mailed 6-digit code. */
export interface DeleteAccountRequest {
  password: string;
  code: string;
}

/** What other people see in place of a deleted account's name (its kept chat messages). */
export const DELETED_USER_NAME = 'Deleted user';
