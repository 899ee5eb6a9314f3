import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  OnInit,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { ABOUT_MAX, NAME_PART_MAX, type Profile, type UpdateProfileRequest } from '@world-it/contracts';

import { errorBody, errorStatus } from '../../../core/http/api-error';
import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, UiMessagePipe, type UiMessage } from '../../../core/i18n/ui-message';
import { NoticeService } from '../../../core/notice/notice.service';
import { ProfilesApiService } from '../../../core/profiles/profiles-api.service';
import { FieldErrorComponent } from '../../../shared/ui/field-error/field-error.component';
import { SubmitButtonComponent } from '../../../shared/ui/submit-button/submit-button.component';
import { ariaInvalid, DISPLAY_NAME_VALIDATORS, focusFirstInvalid } from '../../../shared/util/form-validators';
import { todayYmd } from '../../../shared/util/person-format';

export const DATE_OF_BIRTH_MIN = '1900-01-01';

export const PROFILE_FIELDS = ['displayName', 'firstName', 'lastName', 'about', 'dateOfBirth'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** '' (not given) or a real calendar date before today, as <input type="date"> reports it. */
export function pastDate(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value;
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { dateInvalid: true };
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { dateInvalid: true };
  }
  if (value < DATE_OF_BIRTH_MIN) return { dateTooEarly: true }; // the server's floor too
  return value >= todayYmd() ? { dateInFuture: true } : null;
}

/**
 * Splits a 400's messages by the field they name (class-validator starts each with the property),
 * so each shows under its own input; the rest are returned under `general`.
 */
export function fieldErrors(messages: readonly string[]): {
  fields: Partial<Record<ProfileField, string>>;
  general: string[];
} {
  const fields: Partial<Record<ProfileField, string>> = {};
  const general: string[] = [];
  for (const message of messages) {
    const field = PROFILE_FIELDS.find((name) => new RegExp(`^(property )?${name}\\b`).test(message));
    if (field && !fields[field]) fields[field] = message;
    else if (!field) general.push(message);
  }
  return { fields, general };
}

/** My profile's editable part; saves only what changed and hands the new `Me` to the session. */
@Component({
  selector: 'wit-profile-edit-form',
  imports: [ReactiveFormsModule, TranslatePipe, UiMessagePipe, FieldErrorComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-edit-form.component.html',
  styles: `
    .grid2 {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--wit-space-4);
      margin-top: var(--wit-space-4);
    }
    .grid2 .field + .field {
      margin-top: 0;
    }
    .grid2 + .field {
      margin-top: var(--wit-space-4);
    }
    .about {
      min-height: 120px;
      resize: vertical;
      line-height: var(--wit-leading);
    }
    .counter {
      align-self: flex-end;
      font-size: var(--wit-text-xs);
      color: var(--wit-color-text-muted);
    }
    .counter--over {
      color: var(--wit-color-danger);
      font-weight: var(--wit-weight-semibold);
    }
    .date {
      max-width: 240px;
    }
    @media (max-width: 719px) {
      .grid2 {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class ProfileEditFormComponent implements OnInit {
  private readonly api = inject(ProfilesApiService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly profile = input.required<Profile>();
  readonly saved = output<void>();
  readonly cancelled = output<void>();

  protected readonly aboutMax = ABOUT_MAX;
  protected readonly today = todayYmd();
  readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', DISPLAY_NAME_VALIDATORS],
    firstName: ['', Validators.maxLength(NAME_PART_MAX)],
    lastName: ['', Validators.maxLength(NAME_PART_MAX)],
    about: ['', Validators.maxLength(ABOUT_MAX)],
    dateOfBirth: ['', pastDate],
  });
  protected readonly dateMessages = {
    dateInFuture: 'profile.dateOfBirthFuture',
    dateInvalid: 'profile.dateOfBirthInvalid',
    dateTooEarly: 'profile.dateOfBirthTooEarly',
  } as const;
  protected readonly minDate = DATE_OF_BIRTH_MIN;

  readonly saving = signal(false);
  readonly error = signal<UiMessage | null>(null);
  /** The server's word on a field, shown under it until that field is edited again. */
  readonly serverErrors = signal<Partial<Record<ProfileField, string>>>({});
  protected readonly aboutLength = signal(0);

  ngOnInit(): void {
    const p = this.profile();
    this.form.setValue({
      displayName: p.displayName,
      firstName: p.firstName ?? '',
      lastName: p.lastName ?? '',
      about: p.about ?? '',
      dateOfBirth: p.dateOfBirth ?? '',
    });
    this.aboutLength.set(this.form.controls.about.value.length);
    this.form.controls.about.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((v) => this.aboutLength.set(v.length));
    for (const name of PROFILE_FIELDS) {
      this.form.controls[name].valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => {
        if (this.serverErrors()[name]) this.serverErrors.update(({ [name]: _gone, ...rest }) => rest);
      });
    }
  }

  invalid(name: ProfileField): 'true' | null {
    return ariaInvalid(this.form.controls[name]) ?? (this.serverErrors()[name] ? 'true' : null);
  }

  save(): void {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const patch = this.changes();
    if (!Object.keys(patch).length) {
      this.saved.emit();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.serverErrors.set({});
    this.api
      .updateMe(patch)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.notices.success(this.i18n.t('profile.saved'));
          this.saved.emit();
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const body = errorBody(err);
          if (errorStatus(err) === 400 && body) {
            const { fields, general } = fieldErrors(Array.isArray(body.message) ? body.message : [body.message]);
            this.serverErrors.set(fields);
            this.error.set(general.length ? { text: general.join(' ') } : null);
            setTimeout(() => focusFirstInvalid(this.host.nativeElement));
          } else {
            this.error.set(genericErrorMessage(err));
          }
        },
      });
  }

  /** Only the fields that differ from the profile, names trimmed, an empty date as null (cleared). */
  private changes(): UpdateProfileRequest {
    const p = this.profile();
    const v = this.form.getRawValue();
    const patch: UpdateProfileRequest = {};
    const displayName = v.displayName.trim();
    const firstName = v.firstName.trim();
    const lastName = v.lastName.trim();
    const dateOfBirth = v.dateOfBirth || null;
    if (displayName !== p.displayName) patch.displayName = displayName;
    if (firstName !== (p.firstName ?? '')) patch.firstName = firstName;
    if (lastName !== (p.lastName ?? '')) patch.lastName = lastName;
    if (v.about !== (p.about ?? '')) patch.about = v.about;
    if (dateOfBirth !== (p.dateOfBirth ?? null)) patch.dateOfBirth = dateOfBirth;
    return patch;
  }
}
