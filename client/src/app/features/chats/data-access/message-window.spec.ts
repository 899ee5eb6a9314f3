import type { ChatMessage } from './chat-models';
import { groupMessages } from './message-grouping';
import {
  countAfter,
  extendWindow,
  latestWindow,
  messageKey,
  reconcileWindow,
  WINDOW_MAX,
  WINDOW_STEP,
  windowGroups,
} from './message-window';
import { ada, anna, makeMessage } from '../testing/fake-socket.service';

/** Keys k0…k(n-1), or a named range, oldest first. */
const keys = (n: number, from = 0, prefix = 'k'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

describe('latestWindow', () => {
  it('covers the newest messages, at most the window size', () => {
    expect(latestWindow(1500)).toEqual({ start: 1500 - WINDOW_MAX, end: 1500 });
    expect(latestWindow(40)).toEqual({ start: 0, end: 40 });
    expect(latestWindow(0)).toEqual({ start: 0, end: 0 });
  });
});

describe('extendWindow', () => {
  it('moving up takes older messages and drops the newest beyond the limit', () => {
    expect(extendWindow({ start: 1200, end: 1500 }, 1500, 'up')).toEqual({ start: 1100, end: 1400 });
  });

  it('moving up stops at the oldest loaded message', () => {
    expect(extendWindow({ start: 30, end: 330 }, 1500, 'up')).toEqual({ start: 0, end: 300 });
    expect(extendWindow({ start: 0, end: 300 }, 1500, 'up')).toEqual({ start: 0, end: 300 });
  });

  it('a small window grows without dropping anything', () => {
    expect(extendWindow({ start: 150, end: 250 }, 250, 'up')).toEqual({ start: 50, end: 250 });
  });

  it('moving down takes newer messages and drops the oldest beyond the limit', () => {
    expect(extendWindow({ start: 0, end: 300 }, 1500, 'down')).toEqual({ start: 100, end: 400 });
    expect(extendWindow({ start: 1150, end: 1450 }, 1500, 'down')).toEqual({ start: 1200, end: 1500 });
  });

  it('never holds more than the limit whatever the step', () => {
    for (const step of [1, WINDOW_STEP, 1000]) {
      for (const direction of ['up', 'down'] as const) {
        const next = extendWindow({ start: 700, end: 1000 }, 1500, direction, step);
        expect(next.end - next.start).toBeLessThanOrEqual(WINDOW_MAX);
        expect(next.start).toBeGreaterThanOrEqual(0);
        expect(next.end).toBeLessThanOrEqual(1500);
      }
    }
  });

  it('scrolling all the way up and back down visits every message with a bounded window', () => {
    const total = 1500;
    let range = latestWindow(total);
    const seen = new Set<number>();
    const mark = (): void => {
      for (let i = range.start; i < range.end; i++) seen.add(i);
      expect(range.end - range.start).toBeLessThanOrEqual(WINDOW_MAX);
    };
    while (range.start > 0) {
      range = extendWindow(range, total, 'up');
      mark();
    }
    expect(range).toEqual({ start: 0, end: WINDOW_MAX });
    while (range.end < total) {
      range = extendWindow(range, total, 'down');
      mark();
    }
    expect(range).toEqual(latestWindow(total));
    expect(seen.size).toBe(total);
  });
});

describe('reconcileWindow', () => {
  it('opens on the newest messages', () => {
    expect(reconcileWindow([], { start: 0, end: 0 }, keys(30), { follow: true })).toEqual({ start: 0, end: 30 });
  });

  it('an older page shows at once when the window reaches the oldest message (reader at the top)', () => {
    const before = keys(30, 100);
    const after = [...keys(30, 70), ...before];
    expect(reconcileWindow(before, { start: 0, end: 30 }, after, { follow: false })).toEqual({ start: 0, end: 60 });
  });

  it('pages loaded at the top slide the window up, dropping the newest messages below', () => {
    let list = keys(300, 1000);
    let range = latestWindow(list.length);
    for (let page = 1; page <= 10; page++) {
      const next = [...keys(30, 1000 - page * 30), ...list];
      range = reconcileWindow(list, range, next, { follow: false });
      list = next;
    }
    expect(list).toHaveLength(600);
    expect(range).toEqual({ start: 0, end: WINDOW_MAX });
    expect(list[range.end - 1]).toBe('k999');
  });

  it('a page prepended while the window sits lower does not move it', () => {
    const before = keys(600);
    const after = [...keys(30, 0, 'old'), ...before];
    const range = reconcileWindow(before, { start: 200, end: 500 }, after, { follow: false });
    expect(range).toEqual({ start: 230, end: 530 });
    expect(after.slice(range.start, range.end)).toEqual(before.slice(200, 500));
  });

  it('while following, new messages join and the oldest rendered ones drop off', () => {
    const before = keys(300);
    const after = [...before, 'n1', 'n2'];
    const range = reconcileWindow(before, latestWindow(300), after, { follow: true });
    expect(range).toEqual({ start: 2, end: 302 });
  });

  it('while reading far back, live messages stay out of the window', () => {
    const before = keys(1500);
    const after = [...before, 'n1'];
    expect(reconcileWindow(before, { start: 100, end: 400 }, after, { follow: false })).toEqual({
      start: 100,
      end: 400,
    });
  });

  it('while reading a little way up, a new message may join below but never pushes the window past the limit', () => {
    const before = keys(300);
    const after = [...before, 'n1'];
    const range = reconcileWindow(before, { start: 0, end: 300 }, after, { follow: false });
    expect(range).toEqual({ start: 0, end: 300 });
  });

  it('sending while far back brings the window to the newest messages', () => {
    const before = keys(1500);
    const after = [...before, 'mine'];
    const range = reconcileWindow(before, { start: 100, end: 400 }, after, { follow: true });
    expect(range).toEqual({ start: 1201, end: 1501 });
  });

  it('a deleted edge message hands over to its neighbour', () => {
    const before = keys(1000);
    const after = before.filter((k) => k !== 'k200' && k !== 'k499');
    const range = reconcileWindow(before, { start: 200, end: 500 }, after, { follow: false });
    expect(after[range.start]).toBe('k201');
    expect(after[range.end - 1]).toBe('k498');
  });

  it('a message inserted inside the window (a late arrival) keeps the edges', () => {
    const before = keys(1000);
    const after = [...before.slice(0, 300), 'late', ...before.slice(300)];
    const range = reconcileWindow(before, { start: 200, end: 500 }, after, { follow: false });
    expect(after[range.start]).toBe('k200');
    expect(range.end - range.start).toBeLessThanOrEqual(WINDOW_MAX);
  });

  it('a window whose every message was deleted stays near the same place', () => {
    const before = keys(1000);
    const after = before.filter((_, i) => i < 400 || i >= 700);
    const range = reconcileWindow(before, { start: 400, end: 700 }, after, { follow: false });
    expect(range.end - range.start).toBe(WINDOW_MAX);
    expect(range.start).toBeLessThanOrEqual(400);
    expect(range.end).toBeGreaterThan(400);
  });

  it('an emptied list (room switch) and the next history start over at the newest', () => {
    const emptied = reconcileWindow(keys(500), { start: 10, end: 310 }, [], { follow: false });
    expect(emptied).toEqual({ start: 0, end: 0 });
    expect(reconcileWindow([], emptied, keys(30, 0, 'x'), { follow: false })).toEqual({ start: 0, end: 30 });
  });
});

describe('countAfter', () => {
  it('counts what arrived after the last message seen', () => {
    expect(countAfter(['a', 'b', 'c', 'd'], 'b')).toBe(2);
    expect(countAfter(['a', 'b'], 'b')).toBe(0);
    expect(countAfter(['a', 'b'], 'gone')).toBe(0);
    expect(countAfter(['a'], null)).toBe(0);
  });
});

describe('messageKey', () => {
  it('prefers the client id, which survives the pending → stored swap', () => {
    expect(messageKey({ id: 'local:c1', clientId: 'c1' })).toBe('c1');
    expect(messageKey({ id: 'm1', clientId: 'c1' })).toBe('c1');
    expect(messageKey({ id: 'm2', clientId: null })).toBe('m2');
  });
});

describe('windowGroups', () => {
  const at = (iso: string, author = anna): ChatMessage => ({
    ...makeMessage({ roomId: 'r', author, createdAt: iso }),
    state: 'sent',
  });
  const list = [
    at('2026-01-01T10:00:00'),
    at('2026-01-01T10:01:00'),
    at('2026-01-01T10:02:00'),
    at('2026-01-01T10:03:00', ada),
    at('2026-01-01T10:04:00', ada),
    at('2026-01-02T09:00:00', ada),
  ];
  const groups = groupMessages(list, 'u1');

  it('renders whole groups when the window covers everything', () => {
    const out = windowGroups(groups, { start: 0, end: list.length });
    expect(out.map((g) => g.messages.length)).toEqual([3, 2, 1]);
    expect(out.every((g) => g.complete)).toBe(true);
    expect(out[0].day).not.toBeNull();
  });

  it('cuts edge groups to the window but keeps their keys (the DOM group is reused as the window moves)', () => {
    const out = windowGroups(groups, { start: 1, end: 4 });
    expect(out.map((g) => g.key)).toEqual([groups[0].key, groups[1].key]);
    expect(out[0].messages.map((m) => m.id)).toEqual([list[1].id, list[2].id]);
    expect(out[0].complete).toBe(false);
    expect(out[0].day).toBeNull();
    expect(out[1].messages.map((m) => m.id)).toEqual([list[3].id]);
    expect(out[1].complete).toBe(true);
  });

  it('drops groups outside the window and keeps the day divider of a group that starts inside', () => {
    const out = windowGroups(groups, { start: 5, end: 6 });
    expect(out).toHaveLength(1);
    expect(out[0].day).not.toBeNull();
  });

  it('renders exactly the messages in the window, even inside one very long group', () => {
    const long = Array.from({ length: 1500 }, (_, i) =>
      at(new Date(Date.UTC(2026, 0, 1, 10, 0, 0) + i * 1000).toISOString()),
    );
    const one = groupMessages(long, 'u1');
    const out = windowGroups(one, { start: 600, end: 900 });
    expect(out.flatMap((g) => g.messages)).toEqual(long.slice(600, 900));
  });
});
