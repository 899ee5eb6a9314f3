import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { CHAT_NAMESPACE, type Message, type Page, type Room } from '@world-it/contracts';
import { ApiProcess, freePort, signedInUser } from './support/api-process';

jest.setTimeout(600_000);

const MESSAGES = Number(process.env.RESILIENCE_MESSAGES ?? 1000);
const KILL_AT = [0.25, 0.6].map((f) => Math.floor(MESSAGES * f));
const ENV = { RATE_LIMIT_SOCKET_MESSAGES: '1000000', RATE_LIMIT_AUTH: '1000000' };

/** Polls a condition (no fixed sleep): resolves as soon as it holds, fails after `ms`. */
async function until(cond: () => boolean, ms = 120_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function connected(socket: Socket, ms = 120_000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not reconnect')), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A chat client as the web client behaves: every send retried with its clientId until acknowledged. */
class Peer {
  readonly socket: Socket;
  readonly acked = new Map<string, string>(); // clientId → message id
  readonly live = new Set<string>(); // message ids received as message:new
  retries = 0;

  constructor(url: string, token: string) {
    this.socket = io(`${url}${CHAT_NAMESPACE}`, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 250,
    });
    this.socket.on('message:new', (m: Message) => this.live.add(m.id));
  }

  /** `n` messages, `lanes` in flight at once (as several tabs or a fast typist would). */
  async send(roomId: string, n: number, onAck: () => void, lanes = 4): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < n) await this.sendOne(roomId, next++, onAck);
      }),
    );
  }

  private async sendOne(roomId: string, i: number, onAck: () => void): Promise<void> {
    {
      const clientId = randomUUID();
      for (;;) {
        await connected(this.socket);
        try {
          const ack = (await this.socket
            .timeout(3000)
            .emitWithAck('message:send', { roomId, clientId, content: `m${i}` })) as
            { ok: true; message: Message } | { ok: false; error: { code: string } };
          if (ack.ok) {
            this.acked.set(clientId, ack.message.id);
            onAck();
            break;
          }
          throw new Error(`refused: ${ack.error.code}`);
        } catch (err) {
          if ((err as Error).message.startsWith('refused')) throw err;
          this.retries++; // no ack (the process died or the socket dropped): the same clientId again
        }
      }
    }
  }
}

describe('resilience: SIGKILL of the API while two people exchange acknowledged messages', () => {
  it('keeps every acknowledged message exactly once; retries make no duplicates; the live client catches up', async () => {
    const port = await freePort();
    let api = await ApiProcess.start(ENV, port);
    const [alice, bob] = [await signedInUser(api), await signedInUser(api)];
    const roomRes = await fetch(`${api.url}/api/chats/direct`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.accessToken}` },
      body: JSON.stringify({ userId: bob.user.id }),
    });
    const room = (await roomRes.json()) as Room;
    const a = new Peer(api.url, alice.accessToken);
    const b = new Peer(api.url, bob.accessToken);
    let acked = 0;
    let kills = 0;
    try {
      await Promise.all([connected(a.socket), connected(b.socket)]);
      const killer = (async () => {
        for (const at of KILL_AT) {
          await until(() => acked >= at, 300_000, `${at} acknowledged messages`);
          await api.kill('SIGKILL');
          kills++;
          api = await ApiProcess.start(ENV, port);
        }
      })();
      await Promise.all([
        a.send(room.id, MESSAGES / 2, () => acked++),
        b.send(room.id, MESSAGES / 2, () => acked++),
        killer,
      ]);

      // The history, paged newest first through the REST API, as a client catching up reads it.
      const history: Message[] = [];
      let cursor: string | null = null;
      do {
        const res = await fetch(
          `${api.url}/api/chats/${room.id}/messages?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: { authorization: `Bearer ${bob.accessToken}` } },
        );
        const page = (await res.json()) as Page<Message>;
        history.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);

      const ackedIds = [...a.acked.values(), ...b.acked.values()];
      const byClientId = new Map<string, number>();
      for (const m of history) if (m.clientId) byClientId.set(m.clientId, (byClientId.get(m.clientId) ?? 0) + 1);
      const duplicated = [...byClientId.values()].filter((n) => n > 1).length;
      const historyIds = new Set(history.map((m) => m.id));
      const found = ackedIds.filter((id) => historyIds.has(id)).length;
      // Bob's view: what reached him live, plus the history for what he missed while the process was down.
      const fromAlice = [...a.acked.values()];
      const missedLive = fromAlice.filter((id) => !b.live.has(id));
      const caughtUp = missedLive.filter((id) => historyIds.has(id));
      console.log(
        `crash safety: ${kills} SIGKILLs; ${ackedIds.length} acknowledged, ${found} found in the history, ` +
          `${duplicated} duplicated, ${history.length} stored; ${a.retries + b.retries} sends retried; ` +
          `bob got ${fromAlice.length - missedLive.length} live and caught up on ${caughtUp.length}`,
      );
      expect(kills).toBe(KILL_AT.length);
      expect(ackedIds).toHaveLength(MESSAGES);
      expect(found).toBe(MESSAGES);
      expect(duplicated).toBe(0);
      expect(history).toHaveLength(MESSAGES);
      expect(caughtUp).toEqual(missedLive);
    } finally {
      a.socket.close();
      b.socket.close();
      await api.kill('SIGTERM');
    }
  });
});
