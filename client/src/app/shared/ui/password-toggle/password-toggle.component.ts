import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';

/** An eye button inside a password field's `.input-group` that shows or hides the password. */
@Component({
  selector: 'wit-password-toggle',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="toggle"
      [attr.aria-label]="(visible() ? 'common.hidePassword' : 'common.showPassword') | t"
      [attr.aria-pressed]="visible()"
      (click)="toggle()"
    >
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
        />
        <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" stroke-width="1.8" />
        @if (visible()) {
          <path d="M4 4l16 16" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
        }
      </svg>
    </button>
  `,
  styles: `
    .toggle {
      display: grid;
      place-items: center;
      width: 36px;
      height: 36px;
      color: var(--wit-color-text-muted);
      background: transparent;
      border: 0;
      border-radius: var(--wit-radius-sm);
      cursor: pointer;
    }
    .toggle:hover {
      color: var(--wit-color-text);
      background: var(--wit-color-surface-muted);
    }
  `,
})
export class PasswordToggleComponent {
  readonly for = input.required<HTMLInputElement>();
  readonly visible = signal(false);

  toggle(): void {
    this.visible.update((v) => !v);
    this.for().type = this.visible() ? 'text' : 'password';
  }
}
