import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { segmentText } from '../../util/link-segments';

/**
 * User text as text nodes with its line breaks kept, and http(s) URLs as external links built by
 * the template (an <a> with a vetted href and the URL as its text). Never innerHTML.
 */
@Component({
  selector: 'wit-linked-text',
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
      text-decoration: underline;
      text-underline-offset: 2px;
    }
  `,
})
export class LinkedTextComponent {
  readonly text = input('');
  protected readonly segments = computed(() => segmentText(this.text()));
}
