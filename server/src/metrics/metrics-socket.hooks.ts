import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Message } from '@world-it/contracts';
import type { RealtimeSocket } from '../realtime/realtime-socket';
import { SocketLifecycle } from '../realtime/socket-lifecycle.service';
import { AppMetrics } from './app-metrics';

/**
 * Counts this process's authenticated sockets and the messages pushed to them. Delivery is counted
 * where it happens, on the socket: socket.io calls a socket's outgoing listeners for every packet it
 * writes to it, broadcasts and those relayed from other API processes by the Redis adapter included,
 * so each process counts the deliveries it made, once per receiving socket.
 */
@Injectable()
export class MetricsSocketHooks implements OnModuleInit {
  private readonly open = new Set<string>();

  constructor(
    private readonly lifecycle: SocketLifecycle,
    private readonly metrics: AppMetrics,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register({
      opened: (socket) => this.opened(socket),
      closed: (socket) => this.closed(socket),
    });
  }

  private opened(socket: RealtimeSocket): void {
    this.open.add(socket.id);
    this.metrics.setSocketConnections(this.open.size);
    const userId = socket.data.user.id;
    socket.onAnyOutgoing((event: string, payload: unknown) => {
      if (event === 'message:new' && (payload as Message).author.id !== userId) this.metrics.messageDelivered();
    });
  }

  private closed(socket: RealtimeSocket): void {
    if (this.open.delete(socket.id)) this.metrics.setSocketConnections(this.open.size);
  }
}
