import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id (the `Algorithm.Argon2id` const enum, spelled as its value because of isolatedModules). */
const ARGON2ID = 2 as Algorithm;

/** Password hashing with argon2id (OWASP defaults: 19 MiB, 2 passes). */
@Injectable()
export class PasswordHasher {
  /** A hash of a random password, verified against when the account does not exist, so timing does not tell. */
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID });
  }

  /** False for a wrong password or a malformed hash; never throws. */
  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummy ??= this.hash(`dummy-${Math.random()}`);
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
