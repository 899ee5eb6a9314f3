import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { EmptyStateComponent } from '../empty-state/empty-state.component';

@Component({
  selector: 'wit-not-found-page',
  imports: [TranslatePipe, EmptyStateComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1 class="visually-hidden">{{ 'notFound.title' | t }}</h1>
      <wit-empty-state [heading]="'notFound.title' | t" [text]="'notFound.text' | t" headingId="not-found-title">
        <span emptyIcon class="code">404</span>
        <a class="btn btn--primary" routerLink="/">{{ 'notFound.home' | t }}</a>
      </wit-empty-state>
    </div>
  `,
  styles: `
    .code {
      font-size: var(--wit-text-xl);
      font-weight: var(--wit-weight-bold);
    }
  `,
})
export class NotFoundPage {}
