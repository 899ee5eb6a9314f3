import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { passwordScore, strengthLevel } from './password-strength';

/** A four-segment meter under a new-password field, with the rule as a hint. */
@Component({
  selector: 'wit-password-strength',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="strength" [attr.data-level]="password() ? level() : 'none'" [id]="id()">
      <div class="strength__bar" aria-hidden="true">
        @for (segment of segments; track segment) {
          <span
            class="strength__segment"
            [class.strength__segment--on]="password() && segment < Math.max(score(), 1)"
          ></span>
        }
      </div>
      <p class="field__hint" aria-live="polite">
        @if (password()) {
          <strong class="strength__label">{{ 'password.strength' | t: { level: (levelKey() | t) } }}</strong>
          ·
        }
        {{ 'password.hint' | t }}
      </p>
    </div>
  `,
  styles: `
    .strength {
      display: flex;
      flex-direction: column;
      gap: var(--wit-space-1);
      --level-color: var(--wit-color-border-strong);
    }
    .strength[data-level='weak'] {
      --level-color: var(--wit-color-danger);
    }
    .strength[data-level='fair'] {
      --level-color: var(--wit-color-warning);
    }
    .strength[data-level='good'] {
      --level-color: #1570ef;
    }
    .strength[data-level='strong'] {
      --level-color: var(--wit-color-success);
    }
    .strength__bar {
      display: grid;
      grid-template-columns: repeat(4, 1fr);
      gap: var(--wit-space-1);
    }
    .strength__segment {
      height: 4px;
      border-radius: var(--wit-radius-full);
      background: var(--wit-color-border);
      transition: background var(--wit-transition);
    }
    .strength__segment--on {
      background: var(--level-color);
    }
    .strength__label {
      color: var(--wit-color-text);
      font-weight: var(--wit-weight-semibold);
    }
  `,
})
export class PasswordStrengthComponent {
  readonly password = input('');
  readonly id = input<string | null>(null);
  readonly segments = [0, 1, 2, 3];
  readonly Math = Math;
  readonly score = computed(() => passwordScore(this.password()));
  readonly level = computed(() => strengthLevel(this.score()));
  readonly levelKey = computed(() => `password.${this.level()}` as const);
}
