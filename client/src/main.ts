import { registerLocaleData } from '@angular/common';
import localeUk from '@angular/common/locales/uk';
import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { appConfig } from './app/app.config';
import { yieldToBrowser } from './app/core/startup/yield-to-browser';

registerLocaleData(localeUk);

// Evaluating the bundles and bootstrapping are separate tasks (see yieldToBrowser).
yieldToBrowser()
  .then(() => bootstrapApplication(App, appConfig))
  .catch((err: unknown) => console.error(err));
