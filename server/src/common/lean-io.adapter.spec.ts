import { EventEmitter } from 'node:events';
import { isObservable, lastValueFrom, of, from, type Observable } from 'rxjs';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

import { LeanIoAdapter } from './lean-io.adapter';

/** As Nest's WebSocketsController hands results over: a value, a promise or an observable. */
const transform = (result: unknown): Observable<unknown> =>
  isObservable(result) ? result : result instanceof Promise ? from(result) : of(result);

/** A handler as Nest's scanner describes it (its callback may answer a plain value, as gateways do). */
function handler(
  message: string,
  callback: (data: unknown) => unknown,
  isAckHandledManually = false,
): MessageMappingProperties {
  return { message, methodName: message, callback, isAckHandledManually } as MessageMappingProperties;
}

function fakeSocket(): Socket & EventEmitter & { emitted: unknown[][] } {
  const socket = new EventEmitter() as Socket & EventEmitter & { emitted: unknown[][] };
  socket.emitted = [];
  (socket as { disconnected: boolean }).disconnected = false;
  const localEmit = socket.emit.bind(socket);
  // Incoming events go through EventEmitter's emit (as socket.io's does for listeners); outgoing ones are recorded.
  (socket as { emit: unknown }).emit = (event: string, ...args: unknown[]) =>
    event.startsWith('in:') ? localEmit(event, ...args) : socket.emitted.push([event, ...args]);
  return socket;
}

describe('LeanIoAdapter', () => {
  const adapter = new LeanIoAdapter();

  it('hands the payload to the handler and its result to the acknowledgement', async () => {
    const socket = fakeSocket();
    const seen: unknown[] = [];
    adapter.bindMessageHandlers(
      socket,
      [handler('in:send', (data) => (seen.push(data), Promise.resolve({ ok: true })))],
      transform,
    );
    const acked = new Promise((resolve) => socket.emit('in:send', { roomId: 'r' }, resolve));
    await expect(acked).resolves.toEqual({ ok: true });
    expect(seen).toEqual([{ roomId: 'r' }]);
  });

  it('emits { event, data } results, and leaves the ack to a handler that acknowledges itself', async () => {
    const socket = fakeSocket();
    const ack = jest.fn();
    adapter.bindMessageHandlers(
      socket,
      [handler('in:event', () => ({ event: 'out', data: 1 })), handler('in:manual', () => ({ ok: true }), true)],
      transform,
    );
    socket.emit('in:event', {}, ack);
    socket.emit('in:manual', {}, ack);
    await lastValueFrom(of(null));
    expect(socket.emitted).toEqual([['out', 1]]);
    expect(ack).not.toHaveBeenCalled();
  });

  it('sends nothing once the socket has disconnected, and nothing for an empty result', async () => {
    const socket = fakeSocket();
    const ack = jest.fn();
    let finish: (v: unknown) => void = () => undefined;
    adapter.bindMessageHandlers(
      socket,
      [handler('in:slow', () => new Promise((resolve) => (finish = resolve))), handler('in:void', () => undefined)],
      transform,
    );
    socket.emit('in:void', {}, ack);
    socket.emit('in:slow', {}, ack);
    (socket as { disconnected: boolean }).disconnected = true;
    finish({ ok: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ack).not.toHaveBeenCalled();
  });
});
