import type { ChatMessage } from './chat-models';
import { groupMessages } from './message-grouping';
import { ada, anna, makeMessage } from '../testing/fake-socket.service';

const at = (iso: string, author = anna, id?: string): ChatMessage => ({
  ...makeMessage({ roomId: 'r', author, createdAt: iso, ...(id ? { id } : {}) }),
  state: 'sent',
});

describe('groupMessages', () => {
  it('puts consecutive messages of one author within a few minutes in one group', () => {
    const groups = groupMessages(
      [
        at('2026-01-01T10:00:00'),
        at('2026-01-01T10:01:00'),
        at('2026-01-01T10:03:00', ada),
        at('2026-01-01T10:04:00', ada),
        at('2026-01-01T10:05:00'),
      ],
      'u1',
    );
    expect(groups.map((g) => [g.author.id, g.messages.length, g.mine])).toEqual([
      ['u2', 2, false],
      ['u1', 2, true],
      ['u2', 1, false],
    ]);
  });

  it('starts a new group after a long pause by the same author', () => {
    const groups = groupMessages([at('2026-01-01T10:00:00'), at('2026-01-01T10:20:00')], 'u1');
    expect(groups).toHaveLength(2);
  });

  it('marks the first group of each day for the day divider', () => {
    const groups = groupMessages(
      [at('2026-01-01T23:58:00'), at('2026-01-02T00:01:00'), at('2026-01-02T00:02:00', ada)],
      'u1',
    );
    expect(groups).toHaveLength(3);
    expect(groups[0].day).not.toBeNull();
    expect(groups[1].day).not.toBeNull();
    expect(groups[2].day).toBeNull();
  });

  it('keys a group by its first message (client id while pending), so it is stable across the ack', () => {
    const pending: ChatMessage = { ...at('2026-01-01T10:00:00', ada, 'local:c1'), clientId: 'c1', state: 'pending' };
    const acked: ChatMessage = { ...pending, id: 'm-server', state: 'sent' };
    expect(groupMessages([pending], 'u1')[0].key).toBe(groupMessages([acked], 'u1')[0].key);
  });
});
