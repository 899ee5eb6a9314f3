import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Observable } from 'rxjs';
import type { Socket } from 'socket.io';

/**
 * Nest's socket.io adapter with message handlers bound by plain listeners. Nest's own builds an RxJS
 * pipeline per event per socket (fromEvent → mergeMap → takeUntil(disconnect), about thirty
 * subscribers and 150 closures for our seven events): on 5,000 idle sockets that was most of the
 * ~50 KB each a connection cost. Here a socket holds one listener per event and the pipeline
 * exists only while a message is handled. Same behaviour otherwise: `{ event, data }` results are
 * emitted, other results go to the acknowledgement unless the handler acknowledges itself, and
 * nothing is sent once the socket has disconnected.
 */
export class LeanIoAdapter extends IoAdapter {
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // As rxjs' fromEvent hands them on: one argument as itself, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as {
          data: unknown;
          ack?: (response: unknown) => void;
        };
        transform(callback(data, ack)).subscribe((response) => {
          if (response === null || response === undefined || socket.disconnected) return;
          const event = response as { event?: string; data?: unknown };
          if (event.event) {
            socket.emit(event.event, event.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function') ack(response);
        });
      });
    }
  }
}
