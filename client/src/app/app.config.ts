import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';

import { routes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { authInterceptor } from './core/interceptors/auth.interceptor';
import { I18nService } from './core/i18n/i18n.service';
import { TranslatedTitleStrategy } from './core/i18n/translated-title.strategy';
import { yieldToBrowser } from './core/startup/yield-to-browser';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    // The first render is in the reader's language: wait for its dictionary (a local chunk, not the API).
    provideAppInitializer(() => inject(I18nService).ready()),
    // Creating the injector and the first render are separate tasks, so neither blocks a slow phone long.
    provideAppInitializer(yieldToBrowser),
    // Refresh the cached user in the background; the first paint does not wait for the network.
    provideAppInitializer(() => {
      inject(AuthService).loadMe().subscribe();
    }),
  ],
};
