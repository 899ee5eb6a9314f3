import type { Role } from '@world-it/contracts';

/** Who is calling: what a verified access token says, checked against the database. */
export interface AuthUser {
  id: string;
  role: Role;
  /** The session (refresh-token family) the access token was issued for. */
  sessionId: string;
}

/** The access token's claims. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  role: Role;
}
