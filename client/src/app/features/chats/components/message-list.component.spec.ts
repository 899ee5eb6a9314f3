import { Component, computed, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { I18nService } from '../../../core/i18n/i18n.service';
import type { ChatMessage } from '../data-access/chat-models';
import { WINDOW_MAX } from '../data-access/message-window';
import { ada, anna, makeMessage } from '../testing/fake-socket.service';
import { MessageListComponent } from './message-list.component';

/**
 * The long history of the paging test (three windows: the window fills, then slides over two more);
 * the others use a shorter one (jsdom renders slowly).
 */
const LONG = 900;
const SHORT = 660;
const PAGE = 30;
let total = SHORT;
/** Fake layout: jsdom has none, so every rendered message counts as this tall. */
const ROW_PX = 40;
const VIEW_PX = 600;

/** Runs of three messages per author, so the list has many groups, oldest first. */
function history(n: number): ChatMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    ...makeMessage({ roomId: 'r', author: Math.floor(i / 3) % 2 ? ada : anna }),
    state: 'sent' as const,
  }));
}

@Component({
  imports: [MessageListComponent],
  template: `<wit-message-list
    [messages]="messages()"
    myId="u1"
    [hasOlder]="loaded() < all.length"
    [historyReady]="true"
    (loadOlder)="loadOlder()"
    (newestVisible)="newestVisible = newestVisible + 1"
  />`,
})
class HostComponent {
  readonly all = history(total);
  /** How many of the newest messages the "store" has fetched (pages of 30, newest first). */
  readonly loaded = signal(PAGE);
  readonly live = signal<ChatMessage[]>([]);
  readonly messages = computed(() => [...this.all.slice(this.all.length - this.loaded()), ...this.live()]);
  loads = 0;
  newestVisible = 0;

  loadOlder(): void {
    this.loads++;
    this.loaded.update((n) => Math.min(this.all.length, n + PAGE));
  }
}

describe('MessageListComponent (windowed history)', () => {
  let fixture: ComponentFixture<HostComponent>;
  let host: HostComponent;
  let scroller: HTMLElement;
  let scrollTop = 0;
  let bubbles: HTMLCollectionOf<Element>;

  const rendered = (): HTMLElement[] =>
    Array.from(fixture.nativeElement.querySelectorAll<HTMLElement>('[data-testid="message"]'));
  const renderedIds = (): string[] => rendered().map((el) => el.dataset['messageId'] ?? '');
  const maxTop = (): number => Math.max(0, scroller.scrollHeight - scroller.clientHeight);

  async function scrollTo(top: number): Promise<void> {
    scrollTop = top;
    scroller.dispatchEvent(new Event('scroll'));
    await fixture.whenStable();
  }

  async function setup(length = SHORT): Promise<void> {
    total = length;
    localStorage.clear();
    fixture = TestBed.createComponent(HostComponent);
    host = fixture.componentInstance;
    await fixture.whenStable();
    scroller = fixture.nativeElement.querySelector('[data-testid="message-list"]');
    bubbles = scroller.getElementsByTagName('wit-message-bubble');
    scrollTop = 0;
    Object.defineProperties(scroller, {
      scrollHeight: { configurable: true, get: () => bubbles.length * ROW_PX },
      clientHeight: { configurable: true, get: () => VIEW_PX },
      scrollTop: {
        configurable: true,
        get: () => scrollTop,
        set: (v: number) => (scrollTop = Math.max(0, Math.min(v, maxTop()))),
      },
    });
    // Re-render with the fake layout in place (the first render saw an empty box).
    host.live.set([]);
    fixture.detectChanges();
    await fixture.whenStable();
  }

  /** Scrolls to the top until every page is loaded and the window reached the oldest message. */
  async function scrollToOldest(check: () => void): Promise<void> {
    for (let i = 0; i < 200 && !(host.loaded() === total && renderedIds()[0] === host.all[0].id); i++) {
      await scrollTo(0);
      check();
    }
  }

  it('keeps the log, its role and keyboard-focusable messages', async () => {
    await setup();
    expect(scroller.getAttribute('role')).toBe('log');
    expect(rendered()).toHaveLength(PAGE);
    expect(rendered().every((el) => el.getAttribute('tabindex') === '0')).toBe(true);
  });

  it('loading page after page at the top never renders more than the window', async () => {
    await setup(LONG);
    let most = 0;
    await scrollToOldest(() => (most = Math.max(most, rendered().length)));

    expect(host.loaded()).toBe(LONG);
    expect(host.loads).toBe(LONG / PAGE - 1);
    expect(most).toBe(WINDOW_MAX);
    expect(rendered()).toHaveLength(WINDOW_MAX);
    // The oldest messages are on screen; the newest were dropped from the DOM (not from memory).
    expect(renderedIds()).toEqual(host.all.slice(0, WINDOW_MAX).map((m) => m.id));
    expect(fixture.nativeElement.querySelector('.log__start')).not.toBeNull();
    // Thirty pages rendered in jsdom: seconds on a quiet machine, more beside a loaded CI run.
  }, 90_000);

  it('scrolling back down brings the newest messages back from memory without fetching', async () => {
    await setup();
    await scrollToOldest(() => undefined);
    const loads = host.loads;
    let most = 0;
    for (let i = 0; i < 50 && renderedIds().at(-1) !== host.all.at(-1)?.id; i++) {
      await scrollTo(maxTop());
      most = Math.max(most, rendered().length);
    }
    expect(renderedIds().at(-1)).toBe(host.all.at(-1)?.id);
    expect(most).toBeLessThanOrEqual(WINDOW_MAX);
    expect(host.loads).toBe(loads);
  });

  it('the load-older button widens the window from memory before asking for a page', async () => {
    await setup();
    await scrollToOldest(() => undefined);
    for (let i = 0; i < 5; i++) await scrollTo(maxTop());
    const firstBefore = renderedIds()[0];
    const loads = host.loads;
    fixture.nativeElement.querySelector('[data-testid="load-older"]').click();
    await fixture.whenStable();
    expect(host.loads).toBe(loads);
    const index = (id: string): number => host.all.findIndex((m) => m.id === id);
    expect(index(renderedIds()[0])).toBeLessThan(index(firstBefore));
    expect(rendered().length).toBeLessThanOrEqual(WINDOW_MAX);
  });

  it('a live message while reading far back is counted on the jump button, not rendered; the button returns to it', async () => {
    await setup();
    await scrollToOldest(() => undefined);
    const before = renderedIds();
    const fresh: ChatMessage = {
      ...makeMessage({ roomId: 'r', author: anna, content: 'hot off the press' }),
      state: 'sent',
    };
    host.live.set([fresh]);
    await fixture.whenStable();

    expect(renderedIds()).toEqual(before);
    const jump = fixture.nativeElement.querySelector('[data-testid="jump-latest"]') as HTMLButtonElement;
    expect(jump).not.toBeNull();
    expect(jump.textContent).toContain('1 new message');

    jump.click();
    await fixture.whenStable();
    expect(renderedIds().at(-1)).toBe(fresh.id);
    expect(rendered()).toHaveLength(WINDOW_MAX);
    expect(scrollTop).toBe(maxTop());
    expect(fixture.nativeElement.querySelector('[data-testid="jump-latest"]')).toBeNull();
  });

  it('counts several live messages from others', async () => {
    await setup();
    await scrollToOldest(() => undefined);
    host.live.set([
      { ...makeMessage({ roomId: 'r', author: anna }), state: 'sent' },
      { ...makeMessage({ roomId: 'r', author: anna }), state: 'sent' },
    ]);
    await fixture.whenStable();
    host.live.update((l) => [...l, { ...makeMessage({ roomId: 'r', author: anna }), state: 'sent' }]);
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[data-testid="jump-latest-count"]').textContent).toContain(
      '3 new messages',
    );
  });

  it('says how many in Ukrainian with the right plural form', async () => {
    await setup();
    TestBed.inject(I18nService).use('uk');
    await scrollToOldest(() => undefined);
    const count = (): string =>
      fixture.nativeElement.querySelector('[data-testid="jump-latest-count"]')?.textContent.trim() ?? '';
    const add = async (n: number): Promise<void> => {
      host.live.update((l) => [
        ...l,
        ...Array.from({ length: n }, (): ChatMessage => ({
          ...makeMessage({ roomId: 'r', author: anna }),
          state: 'sent',
        })),
      ]);
      await fixture.whenStable();
    };
    await add(1);
    expect(count()).toBe('1 нове повідомлення');
    await add(2);
    expect(count()).toBe('3 нові повідомлення');
    await add(2);
    expect(count()).toBe('5 нових повідомлень');
  });

  it('sending while reading far back brings the window to my message', async () => {
    await setup();
    await scrollToOldest(() => undefined);
    const mine: ChatMessage = {
      ...makeMessage({ roomId: 'r', author: ada, id: 'local:c1', clientId: 'c1' }),
      state: 'pending',
    };
    host.live.set([mine]);
    await fixture.whenStable();
    const last = rendered().at(-1);
    expect(last?.dataset['clientId']).toBe('c1');
    expect(last?.getAttribute('data-pending')).toBe('true');
    expect(rendered().length).toBeLessThanOrEqual(WINDOW_MAX);
    expect(scrollTop).toBe(maxTop());
  });

  it('at the bottom, live messages render and the oldest rendered ones drop off', async () => {
    await setup();
    await scrollToOldest(() => undefined);
    for (let i = 0; i < 50 && renderedIds().at(-1) !== host.all.at(-1)?.id; i++) await scrollTo(maxTop());
    const extra = Array.from({ length: 5 }, (): ChatMessage => ({
      ...makeMessage({ roomId: 'r', author: anna }),
      state: 'sent',
    }));
    host.live.set(extra);
    await fixture.whenStable();
    expect(renderedIds().slice(-5)).toEqual(extra.map((m) => m.id));
    expect(rendered()).toHaveLength(WINDOW_MAX);
    expect(scrollTop).toBe(maxTop());
    expect(fixture.nativeElement.querySelector('[data-testid="jump-latest"]')).toBeNull();
  });
});
