import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { type Profile, type Room, ROOM_NAME_MAX, type RoomVisibility } from '@world-it/contracts';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { genericErrorMessage, type UiMessage, UiMessagePipe } from '../../../core/i18n/ui-message';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { ChatApiService } from '../data-access/chat-api.service';
import { DialogComponent } from '../../../shared/ui/dialog/dialog.component';
import { PeopleSearchComponent } from './people-search.component';

/** "New group": name, visibility and (optionally) the first members. */
@Component({
  selector: 'wit-new-group-dialog',
  imports: [ReactiveFormsModule, TranslatePipe, UiMessagePipe, DialogComponent, PeopleSearchComponent, AvatarComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-dialog
      [open]="open()"
      [heading]="'chats.group.title' | t"
      titleId="new-group-title"
      testId="new-group-dialog"
      (closed)="close()"
    >
      @if (open()) {
        <form class="dialog__body form" [formGroup]="form" (ngSubmit)="create()" novalidate>
          @if (error(); as e) {
            <p class="alert alert--error" role="alert">{{ e | msg }}</p>
          }
          <div class="field">
            <label class="field__label" for="group-name">{{ 'chats.group.name' | t }}</label>
            <input
              id="group-name"
              class="input"
              data-testid="group-name"
              autofocus
              formControlName="name"
              [maxLength]="nameMax"
              autocomplete="off"
              aria-describedby="group-name-hint"
              [attr.aria-invalid]="showNameError() ? 'true' : null"
            />
            @if (showNameError()) {
              <span class="field__error" id="group-name-error">{{ 'validation.required' | t }}</span>
            }
            <span class="field__hint" id="group-name-hint">{{ 'chats.group.nameHint' | t }}</span>
          </div>
          <div class="field">
            <label class="field__label" for="group-visibility">{{ 'chats.group.visibility' | t }}</label>
            <select id="group-visibility" class="select" data-testid="group-visibility" formControlName="visibility">
              <option value="private">{{ 'chats.group.visibilityPrivate' | t }}</option>
              <option value="public">{{ 'chats.group.visibilityPublic' | t }}</option>
            </select>
          </div>
          @if (chosen().length) {
            <ul class="chips" [attr.aria-label]="'chats.group.selected' | t: { n: chosen().length }">
              @for (p of chosen(); track p.id) {
                <li class="chip">
                  <wit-avatar [name]="p.displayName" [url]="p.avatarUrl" [size]="22" />
                  <span>{{ p.displayName }}</span>
                  <button
                    type="button"
                    class="chip__x"
                    (click)="togglePerson(p)"
                    [attr.aria-label]="'chats.group.remove' | t: { name: p.displayName }"
                  >
                    ×
                  </button>
                </li>
              }
            </ul>
          }
          <wit-people-search
            class="field"
            [label]="'chats.group.members' | t"
            inputId="group-member-search"
            inputTestId="group-member-search"
            actionTestId="group-member-pick"
            [actionLabel]="'chats.settings.add' | t"
            [actionDoneLabel]="'chats.group.added' | t"
            [toggle]="true"
            [selected]="chosenIds()"
            [showMessage]="true"
            (picked)="togglePerson($event)"
          />
          <div class="actions">
            <button type="button" class="btn" (click)="close()">{{ 'common.cancel' | t }}</button>
            <button type="submit" class="btn btn--primary" data-testid="group-create" [disabled]="busy()">
              @if (busy()) {
                <span class="spinner" aria-hidden="true"></span>
              }
              {{ 'chats.group.create' | t }}
            </button>
          </div>
        </form>
      }
    </wit-dialog>
  `,
  styles: `
    .form .field + .field {
      margin-top: 0;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: var(--wit-space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 3px 4px 3px 4px;
      border-radius: 999px;
      background: var(--wit-color-brand-soft);
      font-size: var(--wit-text-sm);
    }
    .chip__x {
      width: 24px;
      height: 24px;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: var(--wit-color-brand-strong);
      font-size: 18px;
      line-height: 1;
      cursor: pointer;
    }
    .chip__x:hover {
      background: rgb(79 70 229 / 14%);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: var(--wit-space-2);
      margin-top: var(--wit-space-2);
    }
  `,
})
export class NewGroupDialogComponent {
  private readonly api = inject(ChatApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  readonly open = input(false);
  readonly closed = output<void>();
  readonly created = output<Room>();

  protected readonly nameMax = ROOM_NAME_MAX;
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(ROOM_NAME_MAX)],
    }),
    visibility: new FormControl<RoomVisibility>('private', { nonNullable: true }),
  });
  protected readonly chosen = signal<Profile[]>([]);
  protected readonly chosenIds = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<UiMessage | null>(null);
  protected readonly submitted = signal(false);

  protected showNameError(): boolean {
    return this.submitted() && !this.form.controls.name.value.trim();
  }

  protected togglePerson(p: Profile): void {
    const has = this.chosen().some((c) => c.id === p.id);
    this.chosen.update((list) => (has ? list.filter((c) => c.id !== p.id) : [...list, p]));
    this.chosenIds.set(this.chosen().map((c) => c.id));
  }

  protected close(): void {
    this.form.reset();
    this.chosen.set([]);
    this.chosenIds.set([]);
    this.error.set(null);
    this.submitted.set(false);
    this.closed.emit();
  }

  protected create(): void {
    this.submitted.set(true);
    const name = this.form.controls.name.value.trim();
    if (!name || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const memberIds = this.chosenIds();
    this.api
      .createGroup({
        name,
        visibility: this.form.controls.visibility.value,
        ...(memberIds.length ? { memberIds } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (room) => {
          this.busy.set(false);
          this.created.emit(room);
          this.close();
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(genericErrorMessage(err));
        },
      });
  }
}
