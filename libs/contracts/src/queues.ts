import type { Language } from './users';

/** The one Bull queue every background job rides on: mail, the unread digest, and what comes next. */
export const JOB_QUEUE = 'jobs';

/** Every job name; each has its payload type in `JobPayloads` and exactly one handler where jobs run. */
export const JobName = {
  RegistrationCode: 'registration-code',
  PasswordResetCode: 'password-reset-code',
  EmailChangeCode: 'email-change-code',
  AccountDeletionCode: 'account-deletion-code',
  /** Builds a user's data archive, then queues the mail with its link. */
  DataExport: 'data-export',
  DataExportMail: 'data-export-mail',
  UnreadDigest: 'unread-digest',
  /** Housekeeping, each a repeatable job that runs once per period across every process (see HOUSEKEEPING_JOBS). */
  HousekeepingSessions: 'housekeeping-sessions',
  HousekeepingCodes: 'housekeeping-codes',
  HousekeepingMail: 'housekeeping-mail',
  HousekeepingUploads: 'housekeeping-uploads',
  HousekeepingExports: 'housekeeping-exports',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface CodeMailPayload {
  to: string;
  language: Language;
  displayName: string;
  code: string;
  expiresAt: string;
}

export interface DataExportPayload {
  /** The data_exports row the job fills. */
  exportId: string;
}

export interface DataExportMailPayload {
  to: string;
  language: Language;
  displayName: string;
  /** The download link (it holds the token: the only place the token exists besides the mail). */
  url: string;
  expiresAt: string;
}

export interface UnreadDigestPayload {
  userId: string;
}

/** Housekeeping jobs carry nothing: each run looks at the tables as they are. */
export type HousekeepingPayload = Record<string, never>;

export interface JobPayloads {
  'registration-code': CodeMailPayload;
  'password-reset-code': CodeMailPayload;
  'email-change-code': CodeMailPayload;
  'account-deletion-code': CodeMailPayload;
  'data-export': DataExportPayload;
  'data-export-mail': DataExportMailPayload;
  'unread-digest': UnreadDigestPayload;
  'housekeeping-sessions': HousekeepingPayload;
  'housekeeping-codes': HousekeepingPayload;
  'housekeeping-mail': HousekeepingPayload;
  'housekeeping-uploads': HousekeepingPayload;
  'housekeeping-exports': HousekeepingPayload;
}

export type HousekeepingJobName =
  | 'housekeeping-sessions'
  | 'housekeeping-codes'
  | 'housekeeping-mail'
  | 'housekeeping-uploads'
  | 'housekeeping-exports';

/** How often each housekeeping job runs (milliseconds); scheduled by every process, run once per period. */
export const HOUSEKEEPING_JOBS: Readonly<Record<HousekeepingJobName, number>> = {
  'housekeeping-sessions': 60 * 60 * 1000,
  'housekeeping-codes': 15 * 60 * 1000,
  'housekeeping-mail': 60 * 60 * 1000,
  'housekeeping-uploads': 6 * 60 * 60 * 1000,
  'housekeeping-exports': 60 * 60 * 1000,
};

/** Every job is tried this often, with exponential backoff from this delay; failed jobs are kept. */
export const JOB_ATTEMPTS = 5;
export const JOB_BACKOFF_MS = 2000;

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}
