import type { ClientToServerEvents, ServerToClientEvents, UserSummary } from '@world-it/contracts';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';

/** What the handshake establishes on every socket of the /chat namespace. */
export interface RealtimeSocketData {
  user: AuthUser;
  /** The handshake token: checked again once the socket has joined its session channel. */
  token: string;
  /** When the handshake's access token expires (ms); after that every event is `unauthorized`. */
  expiresAt: number;
  summary: UserSummary;
  /** Joined at connect: the user's and the session's channels and whatever the features added. */
  channels: string[];
}

/** A socket typed from the contract's event maps; `Extra` is what a feature keeps on it (chat: its rate limiters). */
export type RealtimeSocket<Extra extends object = object> = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  RealtimeSocketData & Extra
>;

/**
 * What a feature adds to every socket's lifecycle, registered with `SocketLifecycle.register` when
 * its module initialises. Every hook is optional; their results are combined.
 */
export interface SocketLifecycleHooks {
  /** Channels the user's sockets join at connect, before anything can be delivered (chat: the user's rooms). */
  channelsOf?(userId: string): Promise<string[]>;
  /** Channels that hear the user come online or go offline (chat: room co-members and friends). */
  presenceAudienceOf?(userId: string): Promise<string[]>;
  /** Users who never hear this user's presence, even through an audience above (chat: people in a block with them). */
  presenceHiddenFrom?(userId: string): Promise<string[]>;
  /** The user's last socket closed (chat: their typing stops); runs before the offline presence goes out. */
  wentOffline?(userId: string): Promise<void>;
  /**
   * An authenticated socket was accepted / has closed (observability: the metrics count sockets and
   * what is pushed to them). Synchronous and must not throw; `closed` follows `opened` once per socket.
   */
  opened?(socket: RealtimeSocket): void;
  closed?(socket: RealtimeSocket): void;
}
