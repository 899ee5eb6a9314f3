import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type {
  AuthResponse,
  ClientToServerEvents,
  Message,
  PresenceEvent,
  Room,
  ServerToClientEvents,
} from '@world-it/contracts';
import { io, type Socket } from 'socket.io-client';
import { apiAs, signUp } from './support/accounts';
import { apiEnv, browserRun } from './support/browser-run';
import { freePort } from './support/free-port';

jest.setTimeout(90_000);

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const ROOT = join(__dirname, '../..');

/** The next event of that name (with an optional filter), or a timeout naming what never came. */
function next<E extends keyof ServerToClientEvents>(
  socket: ChatSocket,
  event: E,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

function connect(origin: string, auth: AuthResponse): Promise<ChatSocket> {
  const socket: ChatSocket = io(`${origin}/chat`, {
    auth: { token: auth.accessToken },
    transports: ['websocket'],
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('scale-out: two API processes sharing PostgreSQL and Redis', () => {
  const run = browserRun();
  let second: ChildProcess;
  let secondOrigin: string;
  let secondExit: Promise<number | null>;
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    const port = await freePort();
    secondOrigin = `http://127.0.0.1:${port}`;
    second = spawn(process.execPath, [join(ROOT, 'dist/server/server/src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...apiEnv({ ...run, port }) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    secondExit = new Promise((resolve) => second.once('exit', resolve));
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`${secondOrigin}/api/health`)).ok) return;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the second API process did not become healthy');
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    if (second.exitCode === null) second.kill('SIGKILL');
  });

  it('delivers messages, presence and room events between clients of different processes, then stops gracefully', async () => {
    const [ann, ben] = await Promise.all([signUp('Ann Scale'), signUp('Ben Scale')]);
    const dm = await apiAs<Room>(ann, 'POST', '/api/chats/direct', { userId: ben.user.id });
    expect(dm.status).toBe(201);

    // Ben is on the second process; Ann comes online on the first, and Ben hears it.
    const benSocket = await connect(secondOrigin, ben);
    sockets.push(benSocket);
    const online = next(benSocket, 'presence', (p: PresenceEvent) => p.userId === ann.user.id && p.online);
    const annSocket = await connect(run.baseUrl, ann);
    sockets.push(annSocket);
    await online;

    // A message sent through process 1 reaches the client of process 2.
    const received = next(benSocket, 'message:new', (m: Message) => m.roomId === dm.body.id);
    const ack = await annSocket.timeout(10_000).emitWithAck('message:send', {
      roomId: dm.body.id,
      content: 'across processes',
      clientId: `scale-${Date.now()}`,
    });
    expect(ack.ok).toBe(true);
    expect((await received).content).toBe('across processes');

    // And the other way round, over REST on process 2 to the socket on process 1.
    const back = next(annSocket, 'message:new', (m: Message) => m.content === 'and back');
    const res = await fetch(`${secondOrigin}/api/chats/${dm.body.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ben.accessToken}` },
      body: JSON.stringify({ content: 'and back' }),
    });
    expect(res.status).toBe(201);
    await back;

    // A group created on process 1 with Ben in it appears in Ben's list live (room:added), and Ben's
    // socket on process 2 has joined its channel: he receives its messages.
    const added = next(benSocket, 'room:added', (r: Room) => r.kind === 'group');
    const group = await apiAs<Room>(ann, 'POST', '/api/chats/groups', {
      name: 'Cluster',
      visibility: 'private',
      memberIds: [ben.user.id],
    });
    expect(group.status).toBe(201);
    expect((await added).id).toBe(group.body.id);
    const inGroup = next(benSocket, 'message:new', (m: Message) => m.roomId === group.body.id);
    await annSocket.timeout(10_000).emitWithAck('message:send', {
      roomId: group.body.id,
      content: 'hello cluster',
      clientId: `scale-g-${Date.now()}`,
    });
    expect((await inGroup).content).toBe('hello cluster');

    // SIGTERM: the second process closes its sockets and exits 0; Ben's client sees the disconnect.
    const disconnected = new Promise((r) => benSocket.once('disconnect', r));
    second.kill('SIGTERM');
    expect(await secondExit).toBe(0);
    await disconnected;
  });
});
