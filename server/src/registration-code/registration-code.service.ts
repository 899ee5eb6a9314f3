import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { BadRequestException, GoneException, HttpException, Injectable, Logger } from '@nestjs/common';
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MINUTES,
  RESEND_COOLDOWN_SECONDS,
  type CodeMailPayload,
  type ErrorBody,
} from '@world-it/contracts';
import type { EntityManager } from 'typeorm';
import { RetryLaterException } from '../common/filters/http-exception.filter';
import { AppConfig } from '../config/app-config';
import type { User } from '../users/user.entity';
import { CodeStore, type StoredCode } from './code-store';
import type { CodePurpose } from './registration-code.entity';

export type IssueResult =
  | { status: 'issued'; code: string; expiresAt: Date }
  /** A code was mailed to that address less than the cooldown ago: nothing new was made. */
  | { status: 'cooldown'; retryAfterSeconds: number; expiresAt: Date };

export interface VerifiedCode {
  userId: string;
  /** The address the code was mailed to (lower-cased). */
  email: string;
}

/**
 * Six-digit codes mailed for registration, password reset and email change. Only an HMAC is stored
 * (keyed by a pepper derived from the refresh-token secret and bound to purpose and address);
 * a code lives 15 minutes and allows 5 attempts; a new one may be mailed to an address once a minute.
 */
@Injectable()
export class RegistrationCodeService {
  private readonly log = new Logger('RegistrationCodes');
  private readonly pepper: Buffer;

  constructor(
    private readonly store: CodeStore,
    config: AppConfig,
  ) {
    this.pepper = createHmac('sha256', config.jwt.refreshSecret).update('world-it:registration-code').digest();
  }

  static generate(): string {
    return randomInt(0, 10 ** CODE_LENGTH)
      .toString()
      .padStart(CODE_LENGTH, '0');
  }

  hash(purpose: CodePurpose, email: string, code: string): string {
    return createHmac('sha256', this.pepper).update(`${purpose}:${email.toLowerCase()}:${code}`).digest('hex');
  }

  /** Makes a new code for `email` (replacing the user's earlier one of that purpose), unless the cooldown holds. */
  async issue(
    input: { purpose: CodePurpose; userId: string; email: string },
    em?: EntityManager,
  ): Promise<IssueResult> {
    const email = input.email.toLowerCase();
    const last = await this.store.lastIssued(input.purpose, email, em);
    if (last) {
      const ageSeconds = (Date.now() - last.createdAt.getTime()) / 1000;
      if (ageSeconds < RESEND_COOLDOWN_SECONDS) {
        return {
          status: 'cooldown',
          retryAfterSeconds: Math.max(1, Math.ceil(RESEND_COOLDOWN_SECONDS - ageSeconds)),
          expiresAt: last.expiresAt,
        };
      }
    }
    const code = RegistrationCodeService.generate();
    const expiresAt = new Date(Date.now() + CODE_TTL_MINUTES * 60_000);
    await this.store.replace(
      {
        purpose: input.purpose,
        userId: input.userId,
        email,
        codeHash: this.hash(input.purpose, email, code),
        expiresAt,
      },
      em,
    );
    return { status: 'issued', code, expiresAt };
  }

  /**
   * Checks a code the user typed and consumes it when right. Wrong → 400 with `attemptsLeft`;
   * none, expired, or out of attempts → 410. An attempt is counted before comparing, atomically,
   * so parallel guesses cannot exceed the limit.
   */
  async verify(purpose: CodePurpose, userId: string, code: string): Promise<VerifiedCode> {
    const stored = await this.store.findNewest(purpose, userId);
    if (!stored || stored.expiresAt.getTime() <= Date.now() || stored.attempts >= CODE_MAX_ATTEMPTS)
      throw deadCodeError();
    const attempts = await this.store.spendAttempt(stored.id, CODE_MAX_ATTEMPTS);
    if (attempts === null) throw deadCodeError();
    if (!this.matches(stored, code)) {
      const attemptsLeft = Math.max(0, CODE_MAX_ATTEMPTS - attempts);
      const body: Partial<ErrorBody> = {
        message:
          attemptsLeft > 0
            ? `code is wrong: ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left`
            : 'code is wrong and no attempts are left: request a new code',
        code: 'code_invalid',
        attemptsLeft,
      };
      throw new BadRequestException(body);
    }
    if (!(await this.store.consume(stored.id))) throw deadCodeError();
    return { userId: stored.userId, email: stored.email };
  }

  private matches(stored: StoredCode, code: string): boolean {
    if (!/^\d+$/.test(code) || code.length !== CODE_LENGTH) return false;
    const given = Buffer.from(this.hash(stored.purpose, stored.email, code), 'hex');
    const expected = Buffer.from(stored.codeHash, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Dead codes are deleted once they can no longer hold the resend cooldown (the housekeeping job,
   * `housekeeping-codes`; a failure fails the job and the next run tries again).
   */
  deleteDeadCodes(): Promise<number> {
    return this.store.deleteDead(CODE_MAX_ATTEMPTS, RESEND_COOLDOWN_SECONDS);
  }
}

/** 410: no live code (none issued, expired, or out of attempts). */
export function deadCodeError(): GoneException {
  const body: Partial<ErrorBody> = {
    message: 'code has expired or was tried too many times: request a new code',
    code: 'code_expired',
  };
  return new GoneException(body);
}

/** 429: a code was mailed for this purpose less than a minute ago (the resend cooldown). */
export function cooldownError(retryAfterSeconds: number): HttpException {
  const body: Partial<ErrorBody> = {
    message: `a code was mailed less than a minute ago: try again in ${retryAfterSeconds} s`,
    code: 'resend_cooldown',
  };
  return new RetryLaterException(body, retryAfterSeconds);
}

/** The code mail's payload for `user` (sent to their address unless the caller says otherwise). */
export function codeMailPayload(
  user: Pick<User, 'email' | 'language' | 'displayName'>,
  code: string,
  expiresAt: Date,
): CodeMailPayload {
  return {
    to: user.email,
    language: user.language,
    displayName: user.displayName,
    code,
    expiresAt: expiresAt.toISOString(),
  };
}
