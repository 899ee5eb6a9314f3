import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { segmentText } from '../../../shared/util/link-segments';

/** Message text as text nodes, with http(s) URLs as safe external links. Never innerHTML. */
@Component({
  selector: 'wit-message-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@for (segment of segments(); track $index) {
    @if (segment.kind === 'link') {
      <a [href]="segment.href" target="_blank" rel="noopener noreferrer nofollow">{{ segment.text }}</a>
    } @else {
      <ng-container>{{ segment.text }}</ng-container>
    }
  }`,
  styles: `
    :host {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    a {
      color: inherit;
      text-decoration: underline;
      text-underline-offset: 2px;
      font-weight: inherit;
    }
  `,
})
export class MessageTextComponent {
  readonly text = input('');
  protected readonly segments = computed(() => segmentText(this.text()));
}
