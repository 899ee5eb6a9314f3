// The baseline of the `fanout` part of `npm run bench`: a bare socket.io server (the product's socket.io,
// its frame limit, the default in-memory adapter) with no auth and no storage. A socket joins, on
// connect, the room named in its handshake (`auth.roomId`, as a product socket joins its rooms); on
// `message:send` the server builds a Message-shaped echo, emits
// `message:new` with it to that room, the sender included (as the product's toRoom does), and acks
// `{ ok: true, message }`.
// Usage: node scripts/bench-fanout-bare.mjs PORT — prints "listening" once it accepts connections.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Server } = require('socket.io');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error('usage: node scripts/bench-fanout-bare.mjs PORT');

const http = createServer();
// The product's limit (SOCKET_FRAME_MAX_BYTES in chat.gateway.ts).
const io = new Server(http, { maxHttpBufferSize: 1024 * 1024 });
io.of('/chat').on('connection', (socket) => {
  const { roomId, userId, displayName } = socket.handshake.auth ?? {};
  if (typeof roomId !== 'string') return void socket.disconnect(true);
  void socket.join(roomId);
  const author = {
    id: String(userId ?? socket.id),
    displayName: String(displayName ?? 'bench'),
    avatarUrl: null,
    online: true,
  };
  socket.on('message:send', (payload, ack) => {
    const p = payload ?? {};
    const message = {
      id: randomUUID(),
      roomId: p.roomId,
      clientId: p.clientId ?? null,
      author,
      content: p.content ?? '',
      image: null,
      createdAt: new Date().toISOString(),
      editedAt: null,
    };
    // Broadcast, then ack: the product's order.
    socket.nsp.to(roomId).emit('message:new', message);
    if (typeof ack === 'function') ack({ ok: true, message });
  });
});
http.listen(port, '127.0.0.1', () => console.log('listening'));
