import type { UserSummary } from '@world-it/contracts';
import type { ChatEvents } from './chat-events';
import { TypingService } from './typing.service';

describe('TypingService', () => {
  const user: UserSummary = { id: 'u1', displayName: 'Ann', avatarUrl: null, online: true };
  let sent: Array<{ roomId: string; except: string; isTyping: boolean }>;
  let typing: TypingService;

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    const events = {
      toRoomExceptUser: (roomId: string, except: string, _e: string, p: { isTyping: boolean }) =>
        sent.push({ roomId, except, isTyping: p.isTyping }),
    } as unknown as ChatEvents;
    typing = new TypingService(events);
  });
  afterEach(() => {
    typing.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('announces the start once, to everyone but the typist, and the end when 5 s pass without a refresh', () => {
    typing.set('r1', user, true);
    jest.advanceTimersByTime(3000);
    typing.set('r1', user, true); // a refresh: no second announcement, the clock restarts
    jest.advanceTimersByTime(4999);
    expect(sent).toEqual([{ roomId: 'r1', except: 'u1', isTyping: true }]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([
      { roomId: 'r1', except: 'u1', isTyping: true },
      { roomId: 'r1', except: 'u1', isTyping: false },
    ]);
  });

  it('stops on request, on stopAll (last socket gone), and says nothing when nothing was going on', () => {
    typing.stop('r1', 'u1');
    expect(sent).toEqual([]);
    typing.set('r1', user, true);
    typing.set('r2', user, true);
    typing.set('r1', user, false);
    typing.stopAll('u1');
    expect(sent.map((s) => `${s.roomId}:${s.isTyping}`)).toEqual(['r1:true', 'r2:true', 'r1:false', 'r2:false']);
    jest.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(4);
  });
});
