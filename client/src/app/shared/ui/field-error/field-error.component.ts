import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

import type { TranslationKey } from '../../../core/i18n/en';
import { I18nService } from '../../../core/i18n/i18n.service';

interface LengthError {
  requiredLength: number;
}

/**
 * The first validation message of a control, translated, once the user has touched it. It follows
 * the control's own event stream, so it stays right inside OnPush parents.
 */
@Component({
  selector: 'wit-field-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as text) {
      <p class="field__error" [id]="id()">{{ text }}</p>
    }
  `,
})
export class FieldErrorComponent {
  private readonly i18n = inject(I18nService);
  readonly control = input.required<AbstractControl>();
  readonly id = input<string | null>(null);
  /** Extra messages for custom validator keys. */
  readonly messages = input<Partial<Record<string, TranslationKey>>>({});

  private readonly version = signal(0);

  readonly message = computed(() => {
    this.version();
    this.i18n.lang();
    const control = this.control();
    const errors = control.errors;
    if (!control.touched || !errors) return null;
    const custom = this.messages();
    for (const key of Object.keys(errors)) {
      const customKey = custom[key];
      if (customKey) return this.i18n.t(customKey);
    }
    if (errors['required']) return this.i18n.t('validation.required');
    if (errors['email']) return this.i18n.t('validation.email');
    if (errors['minlength']) {
      return this.i18n.t('validation.minLength', { n: (errors['minlength'] as LengthError).requiredLength });
    }
    if (errors['maxlength']) {
      return this.i18n.t('validation.maxLength', { n: (errors['maxlength'] as LengthError).requiredLength });
    }
    return this.i18n.t('errors.unknown');
  });

  constructor() {
    effect((onCleanup) => {
      const sub = this.control().events.subscribe(() => this.version.update((v) => v + 1));
      onCleanup(() => sub.unsubscribe());
    });
  }
}
