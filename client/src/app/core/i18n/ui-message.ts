import { inject, Pipe, PipeTransform } from '@angular/core';

import { errorStatus, serverMessage } from '../http/api-error';
import type { TranslationKey } from './en';
import { I18nService, type TranslationParams } from './i18n.service';

/**
 * A message kept in view state: a dictionary key (re-translated when the language changes) or the
 * server's own text, shown as is.
 */
export type UiMessage = { key: TranslationKey; params?: TranslationParams } | { text: string };

export function msg(key: TranslationKey, params?: TranslationParams): UiMessage {
  return { key, params };
}

/** The message for a failed request when no page-specific case matched. */
export function genericErrorMessage(err: unknown): UiMessage {
  const status = errorStatus(err);
  if (status === 0) return msg('errors.network');
  if (status === 429) return msg('errors.rateLimited');
  const text = serverMessage(err);
  return text ? { text } : msg('errors.unknown');
}

/** `{{ message | msg }}` renders a UiMessage in the active language. */
@Pipe({ name: 'msg', pure: false })
export class UiMessagePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(message: UiMessage | null | undefined): string {
    if (!message) return '';
    return 'key' in message ? this.i18n.t(message.key, message.params) : message.text;
  }
}
