import { effect, inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

import type { TranslationKey } from './en';
import { I18nService } from './i18n.service';

/** Route `title`s are dictionary keys; the tab title follows the language too. */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private key: TranslationKey | null = null;

  constructor() {
    super();
    effect(() => {
      this.i18n.lang();
      this.apply();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = (this.buildTitle(snapshot) as TranslationKey | undefined) ?? null;
    this.apply();
  }

  private apply(): void {
    const brand = this.i18n.t('app.brand');
    this.title.setTitle(this.key ? `${this.i18n.t(this.key)} · ${brand}` : brand);
  }
}
