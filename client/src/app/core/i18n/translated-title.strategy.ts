import { effect, inject, Injectable, Injector } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';

import type { TranslationKey } from './en';
import { UnreadStore } from '../unread/unread.store';
import { I18nService } from './i18n.service';

/**
 * Route `title`s are dictionary keys; the tab title follows the language too, and starts with my
 * unread message count, "(3) Chats · World IT", as the header badge shows it.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  /** Looked up on first use: the Router builds this strategy, and UnreadStore needs AuthService, which needs the Router. */
  private unreadStore: UnreadStore | null = null;
  private key: TranslationKey | null = null;

  constructor() {
    super();
    effect(() => {
      this.i18n.lang();
      this.unread.total();
      this.apply();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = (this.buildTitle(snapshot) as TranslationKey | undefined) ?? null;
    this.apply();
  }

  private get unread(): UnreadStore {
    return (this.unreadStore ??= this.injector.get(UnreadStore));
  }

  private apply(): void {
    const brand = this.i18n.t('app.brand');
    const page = this.key ? `${this.i18n.t(this.key)} · ${brand}` : brand;
    const unread = this.unread.total();
    this.title.setTitle(unread > 0 ? `(${unread}) ${page}` : page);
  }
}
