/**
 * The socket.io rooms ("channels") of the /chat namespace. `user:<id>`: all sockets of a user;
 * `session:<id>`: the sockets signed in with that session (closed when it is revoked); `room:<id>`:
 * the sockets of a chat room's members; `watch:<id>`: sockets watching a public room they are not in.
 */
export const userChannel = (userId: string): string => `user:${userId}`;
export const sessionChannel = (sessionId: string): string => `session:${sessionId}`;
export const roomChannel = (roomId: string): string => `room:${roomId}`;
export const watchChannel = (roomId: string): string => `watch:${roomId}`;
