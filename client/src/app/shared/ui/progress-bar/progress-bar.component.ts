import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A thin determinate progress bar (0..100) with an accessible name. */
@Component({
  selector: 'wit-progress-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'progressbar',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
    '[attr.aria-valuenow]': 'value()',
    '[attr.aria-label]': 'label()',
  },
  template: `<span class="bar" [style.width.%]="value()"></span>`,
  styles: `
    :host {
      display: block;
      height: 6px;
      border-radius: 999px;
      background: var(--wit-color-border);
      overflow: hidden;
    }
    .bar {
      display: block;
      height: 100%;
      border-radius: inherit;
      background: var(--wit-gradient-brand);
      transition: width 120ms linear;
    }
  `,
})
export class ProgressBarComponent {
  readonly value = input(0);
  readonly label = input<string | null>(null);
}
