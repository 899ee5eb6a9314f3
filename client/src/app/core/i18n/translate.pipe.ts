import { inject, Pipe, PipeTransform } from '@angular/core';

import type { TranslationKey } from './en';
import { I18nService, type TranslationParams } from './i18n.service';

/**
 * `{{ 'nav.feed' | t }}`. Impure on purpose: it reads the language signal on every check, so a
 * language switch re-renders OnPush views (the signal read marks them dirty); the lookup is cheap.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
