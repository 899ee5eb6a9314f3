import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

const PALETTE = ['#4f46e5', '#0369a1', '#047857', '#b45309', '#be123c', '#7e22ce', '#0f766e'];

/** A round user picture, or the user's initials on a colour derived from the name. */
@Component({
  selector: 'wit-avatar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[style.--size.px]': 'size()' },
  template: `
    @if (url(); as src) {
      <img class="avatar" [src]="src" [alt]="decorative() ? '' : name()" loading="lazy" />
    } @else {
      <span
        class="avatar avatar--initials"
        [style.background]="color()"
        [attr.aria-hidden]="decorative() ? 'true' : null"
        [attr.role]="decorative() ? null : 'img'"
        [attr.aria-label]="decorative() ? null : name()"
        [attr.data-initials]="initials()"
      ></span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
    .avatar {
      width: var(--size);
      height: var(--size);
      border-radius: 50%;
      object-fit: cover;
    }
    .avatar--initials {
      display: grid;
      place-items: center;
      color: #fff;
      font-weight: var(--wit-weight-semibold);
      font-size: calc(var(--size) * 0.4);
      letter-spacing: 0.02em;
      user-select: none;
    }
    /* Drawn, not text: the initials are a picture of the name, so a control labelled by the name next
       to the avatar keeps an accessible name that contains its visible text (WCAG 2.5.3). */
    .avatar--initials::before {
      content: attr(data-initials);
    }
  `,
})
export class AvatarComponent {
  readonly name = input('');
  readonly url = input<string | null>(null);
  readonly size = input(36);
  /** True when a visible name sits next to the avatar, so screen readers need not hear it twice. */
  readonly decorative = input(true);

  readonly initials = computed(() => {
    const parts = this.name().trim().split(/\s+/).filter(Boolean);
    const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
    return letters.toUpperCase();
  });

  readonly color = computed(() => {
    let hash = 0;
    for (const ch of this.name()) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
    return PALETTE[Math.abs(hash) % PALETTE.length];
  });
}
