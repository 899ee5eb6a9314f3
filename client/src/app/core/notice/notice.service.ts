import { inject, Injectable, signal } from '@angular/core';

import { errorStatus, serverMessage } from '../http/api-error';
import { I18nService } from '../i18n/i18n.service';

export type NoticeKind = 'error' | 'success' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

const DISMISS_AFTER_MS: Record<NoticeKind, number> = { error: 8000, success: 4000, info: 5000 };

/** Toasts: short messages that float above the page and dismiss themselves. */
@Injectable({ providedIn: 'root' })
export class NoticeService {
  private readonly i18n = inject(I18nService);
  private readonly list = signal<readonly Notice[]>([]);
  private nextId = 1;

  readonly notices = this.list.asReadonly();

  show(kind: NoticeKind, text: string): number {
    const id = this.nextId++;
    this.list.update((items) => [...items.slice(-3), { id, kind, text }]);
    setTimeout(() => this.dismiss(id), DISMISS_AFTER_MS[kind]);
    return id;
  }

  success(text: string): number {
    return this.show('success', text);
  }

  info(text: string): number {
    return this.show('info', text);
  }

  /** Shows the server's own message for a failed request, or a translated generic one. */
  error(errOrText: unknown): number {
    return this.show('error', typeof errOrText === 'string' ? errOrText : this.describe(errOrText));
  }

  dismiss(id: number): void {
    this.list.update((items) => items.filter((n) => n.id !== id));
  }

  /** A readable sentence for any failure: the server's message, else network/rate-limit/generic text. */
  describe(err: unknown): string {
    const status = errorStatus(err);
    if (status === 0) return this.i18n.t('errors.network');
    if (status === 429) return this.i18n.t('errors.rateLimited');
    return serverMessage(err) ?? this.i18n.t('errors.unknown');
  }
}
