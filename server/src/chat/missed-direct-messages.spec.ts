import type { DomainEvents } from '../common/events/domain-events';
import type { PresenceService } from '../realtime/presence.service';
import { MissedDirectMessages } from './missed-direct-messages';
import type { UnreadDigestScheduler } from './unread-digest.scheduler';

/** "Had no connected socket" is decided once per stored direct message, for the notification and the digest. */
describe('MissedDirectMessages', () => {
  const message = { id: 'm1', roomId: 'r1', authorId: 'ann' };
  let online: Set<string> | Error;
  let emitted: unknown[];
  let digested: string[][];
  let missed: MissedDirectMessages;

  beforeEach(() => {
    online = new Set();
    emitted = [];
    digested = [];
    const presence = {
      onlineAmong: async () => {
        if (online instanceof Error) throw online;
        return online;
      },
    } as unknown as PresenceService;
    const events = {
      emit: async (name: string, payload: unknown) => {
        emitted.push({ name, payload });
      },
    } as unknown as DomainEvents;
    const digest = { missedBy: (ids: string[]) => digested.push(ids) } as unknown as UnreadDigestScheduler;
    missed = new MissedDirectMessages(presence, events, digest);
  });

  it('announces message.missed and schedules the digest for a recipient with no socket', async () => {
    await missed.stored(message, ['bob']);
    expect(emitted).toEqual([
      { name: 'message.missed', payload: { recipientId: 'bob', authorId: 'ann', roomId: 'r1', messageId: 'm1' } },
    ]);
    expect(digested).toEqual([['bob']]);
  });

  it('does nothing for a recipient who is connected', async () => {
    online = new Set(['bob']);
    await missed.stored(message, ['bob']);
    expect(emitted).toEqual([]);
    expect(digested).toEqual([]);
  });

  it('does nothing (and does not fail the send) when presence cannot be read', async () => {
    online = new Error('redis down');
    await expect(missed.stored(message, ['bob'])).resolves.toBeUndefined();
    expect(emitted).toEqual([]);
    expect(digested).toEqual([]);
  });
});
