import type { Language } from './users';

/** The Bull queue that carries every email. */
export const MAIL_QUEUE = 'mail';

export const MailJob = {
  RegistrationCode: 'registration-code',
  PasswordResetCode: 'password-reset-code',
  EmailChangeCode: 'email-change-code',
  UnreadDigest: 'unread-digest',
} as const;
export type MailJobName = (typeof MailJob)[keyof typeof MailJob];

export interface CodeMailPayload {
  to: string;
  language: Language;
  displayName: string;
  code: string;
  expiresAt: string;
}

export interface UnreadDigestPayload {
  userId: string;
}

export interface MailPayloads {
  'registration-code': CodeMailPayload;
  'password-reset-code': CodeMailPayload;
  'email-change-code': CodeMailPayload;
  'unread-digest': UnreadDigestPayload;
}

export const MAIL_JOB_ATTEMPTS = 5;
export const MAIL_JOB_BACKOFF_MS = 2000;

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
