import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  type Profile,
  type Room,
  ROOM_NAME_MAX,
  type RoomVisibility,
  UPLOAD_MIME_TYPES,
  type UserSummary,
} from '@world-it/contracts';
import { filter, map, switchMap } from 'rxjs';

import { I18nService } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { NoticeService } from '../../../core/notice/notice.service';
import { UploadService } from '../../../shared/data-access/upload/upload.service';
import { AvatarComponent } from '../../../shared/ui/avatar/avatar.component';
import { ChatApiService } from '../data-access/chat-api.service';
import { DialogComponent } from '../../../shared/ui/dialog/dialog.component';
import { ConfirmDialogComponent } from '../../../shared/ui/confirm-dialog/confirm-dialog.component';
import { PeopleSearchComponent } from './people-search.component';

type Pending = { kind: 'leave' } | { kind: 'delete' } | { kind: 'remove'; member: UserSummary };

/** Group settings: admins rename, change visibility and picture, manage members, delete; everyone sees members and can leave. */
@Component({
  selector: 'wit-room-settings-dialog',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    AvatarComponent,
    DialogComponent,
    ConfirmDialogComponent,
    PeopleSearchComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wit-dialog
      [open]="open()"
      [heading]="(isAdmin() ? 'chats.settings.title' : 'chats.settings.infoTitle') | t"
      titleId="room-settings-title"
      testId="room-settings-dialog"
      (closed)="closed.emit()"
    >
      @if (open()) {
        @let r = room();
        <div class="dialog__body body">
          <div class="hero">
            <wit-avatar [name]="r.name" [url]="r.avatarUrl" [size]="72" />
            <div class="hero__text">
              <strong class="hero__name">{{ r.name }}</strong>
              <span class="hero__meta"
                >{{ (r.visibility === 'public' ? 'chats.public' : 'chats.private') | t }} ·
                {{ 'chats.members' | t: { n: r.membersCount } }}</span
              >
              @if (isAdmin()) {
                <span class="hero__actions">
                  <input
                    #pic
                    class="visually-hidden"
                    type="file"
                    tabindex="-1"
                    data-testid="room-avatar-input"
                    [attr.accept]="accept"
                    (change)="uploadAvatar(pic)"
                  />
                  <button type="button" class="btn btn--sm" [disabled]="busy()" (click)="pic.click()">
                    @if (avatarProgress() !== null) {
                      <span class="spinner" aria-hidden="true"></span> {{ avatarProgress() }}%
                    } @else {
                      <span>{{ 'chats.settings.changeAvatar' | t }}</span>
                    }
                  </button>
                  @if (r.avatarUrl) {
                    <button
                      type="button"
                      class="btn btn--ghost btn--sm"
                      [disabled]="busy()"
                      (click)="save({ avatarImageId: null })"
                    >
                      {{ 'chats.settings.removeAvatar' | t }}
                    </button>
                  }
                </span>
              }
            </div>
          </div>

          @if (isAdmin()) {
            <form class="section" [formGroup]="form" (ngSubmit)="saveForm()">
              <div class="field">
                <label class="field__label" for="room-name">{{ 'chats.settings.name' | t }}</label>
                <input
                  id="room-name"
                  class="input"
                  data-testid="room-name"
                  formControlName="name"
                  [maxLength]="nameMax"
                  autocomplete="off"
                />
              </div>
              <div class="field">
                <label class="field__label" for="room-visibility">{{ 'chats.settings.visibility' | t }}</label>
                <select id="room-visibility" class="select" data-testid="room-visibility" formControlName="visibility">
                  <option value="private">{{ 'chats.group.visibilityPrivate' | t }}</option>
                  <option value="public">{{ 'chats.group.visibilityPublic' | t }}</option>
                </select>
              </div>
              <button
                type="submit"
                class="btn btn--primary btn--sm save"
                data-testid="room-save"
                [disabled]="busy() || form.invalid || !dirty()"
              >
                {{ 'common.save' | t }}
              </button>
            </form>
          }

          <section class="section" aria-labelledby="members-title">
            <h3 id="members-title" class="section__title">{{ 'chats.settings.members' | t: { n: r.membersCount } }}</h3>
            <ul class="members" data-testid="member-list">
              @for (m of r.members; track m.id) {
                <li class="member" data-testid="member" [attr.data-user-id]="m.id">
                  <span class="member__pic"
                    ><wit-avatar [name]="m.displayName" [url]="m.avatarUrl" [size]="36" />
                    @if (m.online) {
                      <span class="dot" aria-hidden="true"></span>
                    }
                  </span>
                  <span class="member__name"
                    >{{ m.displayName }}
                    @if (m.id === myId()) {
                      <span class="muted you">({{ 'chats.msg.you' | t }})</span>
                    }
                  </span>
                  @if (m.id === r.adminId) {
                    <span class="tag">{{ 'chats.settings.admin' | t }}</span>
                  }
                  @if (isAdmin() && m.id !== myId()) {
                    <button
                      type="button"
                      class="btn btn--ghost btn--sm"
                      data-testid="member-remove"
                      [disabled]="busy()"
                      [attr.aria-label]="'chats.group.remove' | t: { name: m.displayName }"
                      (click)="pending.set({ kind: 'remove', member: m })"
                    >
                      {{ 'chats.settings.removeMember' | t }}
                    </button>
                  }
                </li>
              }
            </ul>
            @if (r.membersCount > r.members.length) {
              <p class="muted">{{ 'chats.settings.membersNotShown' | t: { n: r.membersCount - r.members.length } }}</p>
            }
          </section>

          @if (isAdmin()) {
            <wit-people-search
              class="section"
              [label]="'chats.settings.addMembers' | t"
              inputId="member-search"
              inputTestId="member-search"
              actionTestId="member-add"
              [actionLabel]="'chats.settings.add' | t"
              [exclude]="memberIds()"
              [busyIds]="adding()"
              (picked)="add($event)"
            />
          }

          <section class="section danger" aria-labelledby="danger-title">
            <h3 id="danger-title" class="section__title">{{ 'chats.settings.dangerZone' | t }}</h3>
            <div class="danger__actions">
              <button
                type="button"
                class="btn btn--sm btn--outline-danger"
                data-testid="room-leave"
                [disabled]="busy()"
                (click)="pending.set({ kind: 'leave' })"
              >
                {{ 'chats.settings.leave' | t }}
              </button>
              @if (isAdmin()) {
                <button
                  type="button"
                  class="btn btn--sm btn--danger"
                  data-testid="room-delete"
                  [disabled]="busy()"
                  (click)="pending.set({ kind: 'delete' })"
                >
                  {{ 'chats.settings.delete' | t }}
                </button>
              }
            </div>
          </section>
        </div>
      }
    </wit-dialog>
    <wit-confirm-dialog
      [open]="!!pending()"
      [text]="confirmText()"
      [danger]="true"
      [busy]="busy()"
      [confirmLabel]="confirmLabel()"
      (closed)="pending.set(null)"
      (confirmed)="runPending()"
    />
  `,
  styleUrl: './room-settings-dialog.component.css',
})
export class RoomSettingsDialogComponent {
  private readonly api = inject(ChatApiService);
  private readonly uploads = inject(UploadService);
  private readonly notices = inject(NoticeService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);

  readonly open = input(false);
  readonly room = input.required<Room>();
  readonly isAdmin = input(false);
  readonly myId = input<string | null>(null);
  readonly closed = output<void>();
  readonly changed = output<Room>();
  /** I left the room or deleted it: the page leaves the room view. */
  readonly gone = output<'left' | 'deleted'>();

  protected readonly nameMax = ROOM_NAME_MAX;
  protected readonly accept = UPLOAD_MIME_TYPES.join(',');
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(ROOM_NAME_MAX)],
    }),
    visibility: new FormControl<RoomVisibility>('private', { nonNullable: true }),
  });
  private readonly formValue = signal({ name: '', visibility: 'private' as RoomVisibility });
  protected readonly dirty = computed(() => {
    const v = this.formValue();
    const r = this.room();
    return v.name.trim() !== r.name || v.visibility !== r.visibility;
  });
  protected readonly busy = signal(false);
  protected readonly adding = signal<string[]>([]);
  protected readonly avatarProgress = signal<number | null>(null);
  protected readonly pending = signal<Pending | null>(null);
  protected readonly memberIds = computed(() => this.room().members.map((m) => m.id));
  protected readonly confirmText = computed(() => {
    const p = this.pending();
    if (!p) return '';
    if (p.kind === 'leave') return this.i18n.t('chats.settings.leaveConfirm');
    if (p.kind === 'delete') return this.i18n.t('chats.settings.deleteConfirm');
    return this.i18n.t('chats.settings.removeMemberConfirm', { name: p.member.displayName });
  });
  protected readonly confirmLabel = computed(() => {
    const kind = this.pending()?.kind;
    if (kind === 'leave') return this.i18n.t('chats.settings.leave');
    if (kind === 'delete') return this.i18n.t('chats.settings.delete');
    return this.i18n.t('chats.settings.removeMember');
  });

  constructor() {
    effect(() => {
      const r = this.room();
      const open = this.open();
      untracked(() => {
        if (!open) return;
        this.form.setValue({ name: r.name, visibility: r.visibility });
        this.formValue.set({ name: r.name, visibility: r.visibility });
      });
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.formValue.set(this.form.getRawValue()));
  }

  protected saveForm(): void {
    const { name, visibility } = this.form.getRawValue();
    const r = this.room();
    this.save({
      ...(name.trim() !== r.name ? { name: name.trim() } : {}),
      ...(visibility !== r.visibility ? { visibility } : {}),
    });
  }

  protected save(body: { name?: string; visibility?: RoomVisibility; avatarImageId?: string | null }): void {
    this.busy.set(true);
    this.api
      .updateRoom(this.room().id, body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (room) => {
          this.busy.set(false);
          this.changed.emit(room);
          this.notices.success(this.i18n.t('chats.settings.saved'));
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.notices.error(err);
        },
      });
  }

  protected uploadAvatar(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.busy.set(true);
    this.avatarProgress.set(0);
    this.uploads
      .upload(file)
      .pipe(
        map((step) => {
          if (step.kind === 'progress') this.avatarProgress.set(step.percent);
          return step.kind === 'done' ? step.image : null;
        }),
        filter((image) => image !== null),
        switchMap((image) => this.api.updateRoom(this.room().id, { avatarImageId: image.id })),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (room) => {
          this.busy.set(false);
          this.avatarProgress.set(null);
          this.changed.emit(room);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.avatarProgress.set(null);
          this.notices.error(err);
        },
      });
  }

  protected add(person: Profile): void {
    this.adding.update((ids) => [...ids, person.id]);
    this.api
      .addMember(this.room().id, person.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (room) => {
          this.adding.update((ids) => ids.filter((id) => id !== person.id));
          this.changed.emit(room);
          this.notices.success(this.i18n.t('chats.settings.added', { name: person.displayName }));
        },
        error: (err: unknown) => {
          this.adding.update((ids) => ids.filter((id) => id !== person.id));
          this.notices.error(err);
        },
      });
  }

  protected runPending(): void {
    const p = this.pending();
    const room = this.room();
    const me = this.myId();
    if (!p || !me) return;
    this.busy.set(true);
    const request =
      p.kind === 'delete'
        ? this.api.deleteRoom(room.id)
        : this.api.removeMember(room.id, p.kind === 'leave' ? me : p.member.id);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        this.pending.set(null);
        if (p.kind === 'remove') {
          this.changed.emit({
            ...room,
            members: room.members.filter((m) => m.id !== p.member.id),
            membersCount: Math.max(0, room.membersCount - 1),
          });
          return;
        }
        this.notices.success(this.i18n.t(p.kind === 'leave' ? 'chats.settings.left' : 'chats.settings.deleted'));
        this.gone.emit(p.kind === 'leave' ? 'left' : 'deleted');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.pending.set(null);
        this.notices.error(err);
      },
    });
  }
}
