import { Logger, type INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { failFastOnceReady } from '../redis/redis.service';
import { LeanIoAdapter } from './lean-io.adapter';

/** socket.io over Redis pub/sub, so several API processes deliver to each other's clients. */
export class RedisIoAdapter extends LeanIoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private adapter: ReturnType<typeof createAdapter> | null = null;
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly url: string,
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    const pub = new Redis(this.url, { connectionName: 'world-it:io-pub' });
    const sub = pub.duplicate({ connectionName: 'world-it:io-sub' });
    this.clients = [pub, sub];
    for (const c of this.clients) {
      c.on('error', (err: Error) => this.log.warn(`${c.options.connectionName}: ${err.message}`));
      failFastOnceReady(c);
    }
    this.adapter = createAdapter(this.tolerantPublisher(pub), sub);
    await Promise.all(
      this.clients.map((c) => (c.status === 'ready' ? Promise.resolve() : new Promise((r) => c.once('ready', r)))),
    );
  }

  /**
   * The adapter publishes without awaiting or catching: while Redis is away each publish would be an
   * unhandled rejection, which ends the process. Local delivery goes on regardless (the adapter
   * broadcasts to this process's sockets itself), so a failed publish is only logged, once per outage.
   */
  private tolerantPublisher(pub: Redis): Redis {
    let failing = false;
    pub.on('ready', () => (failing = false));
    return new Proxy(pub, {
      get: (target, prop, receiver) => {
        if (prop !== 'publish') return Reflect.get(target, prop, receiver);
        return (...args: Parameters<Redis['publish']>) =>
          target.publish(...args).catch((err: Error) => {
            if (!failing)
              this.log.warn(
                `socket.io publish failed, other processes miss events until Redis is back: ${err.message}`,
              );
            failing = true;
            return 0;
          });
      },
    });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
    this.clients = [];
  }
}
