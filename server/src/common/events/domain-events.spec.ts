import { DomainEvents } from './domain-events';

describe('DomainEvents', () => {
  it('delivers a payload to every handler of that event only, and waits for them', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on('friendship.requested', async (p) => {
      await Promise.resolve();
      seen.push(`a:${p.fromId}->${p.toId}`);
    });
    events.on('friendship.requested', (p) => void seen.push(`b:${p.requestId}`));
    events.on('friendship.accepted', () => void seen.push('wrong event'));

    await events.emit('friendship.requested', { requestId: 'r1', fromId: 'u1', toId: 'u2' });
    expect(seen.sort()).toEqual(['a:u1->u2', 'b:r1']);
  });

  it('a failing handler neither stops the others nor fails the emitter', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on('friendship.accepted', () => {
      throw new Error('boom');
    });
    events.on('friendship.accepted', (p) => void seen.push(p.accepterId));
    await expect(events.emit('friendship.accepted', { requesterId: 'u1', accepterId: 'u2' })).resolves.toBeUndefined();
    expect(seen).toEqual(['u2']);
  });

  it('an event nobody listens to is fine', async () => {
    await expect(
      new DomainEvents().emit('post.liked', { postId: 'p', authorId: 'a', actorId: 'b' }),
    ).resolves.toBeUndefined();
  });
});
