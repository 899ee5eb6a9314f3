import { Injectable, Logger } from '@nestjs/common';

export type RevokedSessionsListener = (sessionIds: string[]) => void;

/**
 * Tells whoever cares that sessions just ended (logout, refresh-token reuse, password reset or
 * change, ban), so what hangs on them can end too: the chat gateway disconnects their sockets. Auth
 * only announces; it never knows who listens (and imports nothing of socket.io). In-process: the
 * listener's own fan-out (socket.io's Redis adapter) reaches the other API processes.
 */
@Injectable()
export class SessionRevocations {
  private readonly log = new Logger('SessionRevocations');
  private readonly listeners = new Set<RevokedSessionsListener>();

  /** Adds a listener; call the returned function to remove it. */
  listen(listener: RevokedSessionsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** These sessions have ended. A failing listener is logged, never the revoker's problem. */
  revoked(sessionIds: string[]): void {
    if (sessionIds.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(sessionIds);
      } catch (err) {
        this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      }
    }
  }
}
