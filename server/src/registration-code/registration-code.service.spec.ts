import * as crypto from 'node:crypto';

// Real crypto, observable: the service must use randomInt and timingSafeEqual.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, randomInt: jest.fn(actual.randomInt), timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
import { BadRequestException, GoneException } from '@nestjs/common';
import { CODE_MAX_ATTEMPTS } from '@world-it/contracts';
import type { AppConfig } from '../config/app-config';
import { CodeStore, type NewCode, type StoredCode } from './code-store';
import type { CodePurpose } from './registration-code.entity';
import { RegistrationCodeService } from './registration-code.service';

/** The table, in memory, with the same atomic rules. */
class MemoryCodeStore extends CodeStore {
  rows: StoredCode[] = [];
  private seq = 0;

  async lastIssued(purpose: CodePurpose, email: string) {
    return (
      this.rows
        .filter((r) => r.purpose === purpose && r.email === email)
        .sort((a, b) => +b.createdAt - +a.createdAt)[0] ?? null
    );
  }
  async replace(code: NewCode) {
    this.rows = this.rows.filter((r) => !(r.purpose === code.purpose && r.userId === code.userId));
    const row: StoredCode = { ...code, id: String(++this.seq), attempts: 0, createdAt: new Date() };
    this.rows.push(row);
    return row;
  }
  async findNewest(purpose: CodePurpose, userId: string) {
    const row = this.rows
      .filter((r) => r.purpose === purpose && r.userId === userId)
      .sort((a, b) => +b.createdAt - +a.createdAt)[0];
    return row ? { ...row } : null;
  }
  async spendAttempt(id: string, max: number) {
    const row = this.rows.find((r) => r.id === id);
    if (!row || row.attempts >= max || row.expiresAt.getTime() <= Date.now()) return null;
    return ++row.attempts;
  }
  async consume(id: string) {
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => r.id !== id);
    return this.rows.length < before;
  }
  async deleteDead(max: number) {
    const before = this.rows.length;
    this.rows = this.rows.filter((r) => r.expiresAt.getTime() > Date.now() && r.attempts < max);
    return before - this.rows.length;
  }
}

const config = { jwt: { refreshSecret: 'unit-test-refresh-secret-0123456789abcdef' } } as AppConfig;
const USER = 'u1';

async function issued(
  service: RegistrationCodeService,
  email = 'ada@example.com',
  purpose: CodePurpose = 'registration',
) {
  const r = await service.issue({ purpose, userId: USER, email });
  if (r.status !== 'issued') throw new Error('expected a code');
  return r;
}

function wrongOf(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

describe('RegistrationCodeService', () => {
  let store: MemoryCodeStore;
  let service: RegistrationCodeService;
  beforeEach(() => {
    store = new MemoryCodeStore();
    service = new RegistrationCodeService(store, config);
  });

  it('generates 6-digit codes with crypto.randomInt, zero-padded', () => {
    const spy = jest.mocked(crypto.randomInt);
    const codes = Array.from({ length: 200 }, () => RegistrationCodeService.generate());
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(spy).toHaveBeenCalledWith(0, 1_000_000);
    spy.mockReturnValueOnce(42 as never);
    expect(RegistrationCodeService.generate()).toBe('000042');
  });

  it('stores only a keyed hash bound to purpose and address, expiring in 15 minutes', async () => {
    const { code, expiresAt } = await issued(service, 'Ada@Example.com');
    const row = store.rows[0];
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.email).toBe('ada@example.com');
    expect(row.codeHash).not.toBe(service.hash('password_reset', 'ada@example.com', code));
    expect(row.codeHash).not.toBe(
      new RegistrationCodeService(store, {
        jwt: { refreshSecret: 'another-secret-0123456789abcdefghij' },
      } as AppConfig).hash('registration', 'ada@example.com', code),
    );
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(14.9 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('accepts the right code once, comparing with crypto.timingSafeEqual', async () => {
    const { code } = await issued(service);
    const spy = jest.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await expect(service.verify('registration', USER, code)).resolves.toEqual({
      userId: USER,
      email: 'ada@example.com',
    });
    expect(spy).toHaveBeenCalledTimes(1);
    await expect(service.verify('registration', USER, code)).rejects.toBeInstanceOf(GoneException);
  });

  it('counts wrong codes down in the 400 body; after 5 the code is dead (410) even when right', async () => {
    const { code } = await issued(service);
    for (let left = CODE_MAX_ATTEMPTS - 1; left >= 0; left--) {
      const err = (await service
        .verify('registration', USER, wrongOf(code))
        .catch((e: unknown) => e)) as BadRequestException;
      expect(err).toBeInstanceOf(BadRequestException);
      expect(err.getResponse()).toMatchObject({
        attemptsLeft: left,
        code: 'code_invalid',
        message: expect.stringMatching(/^code /),
      });
    }
    const dead = (await service.verify('registration', USER, code).catch((e: unknown) => e)) as GoneException;
    expect(dead).toBeInstanceOf(GoneException);
    expect(dead.getResponse()).toMatchObject({ code: 'code_expired' });
  });

  it('a right code on the fifth attempt still works', async () => {
    const { code } = await issued(service);
    for (let i = 0; i < CODE_MAX_ATTEMPTS - 1; i++)
      await service.verify('registration', USER, wrongOf(code)).catch(() => undefined);
    await expect(service.verify('registration', USER, code)).resolves.toMatchObject({ userId: USER });
  });

  it('an expired code is 410', async () => {
    const { code } = await issued(service);
    store.rows[0].expiresAt = new Date(Date.now() - 1);
    await expect(service.verify('registration', USER, code)).rejects.toBeInstanceOf(GoneException);
  });

  it('no code, or a code of another purpose, is 410', async () => {
    const { code } = await issued(service);
    await expect(service.verify('password_reset', USER, code)).rejects.toBeInstanceOf(GoneException);
    await expect(service.verify('registration', 'someone-else', code)).rejects.toBeInstanceOf(GoneException);
  });

  it('malformed input counts as a wrong code and never throws anything else', async () => {
    await issued(service);
    for (const bad of ['', '12345', '1234567', 'abcdef', '１２３４５６']) {
      await expect(service.verify('registration', USER, bad)).rejects.toBeInstanceOf(BadRequestException);
    }
  });

  it('holds a 60 s cooldown per address and purpose; a new code replaces the old one', async () => {
    const first = await issued(service);
    const again = await service.issue({ purpose: 'registration', userId: USER, email: 'ADA@example.com' });
    expect(again).toMatchObject({ status: 'cooldown', expiresAt: first.expiresAt });
    expect(again.status === 'cooldown' && again.retryAfterSeconds).toBeGreaterThan(55);
    // Another purpose has its own cooldown.
    expect((await service.issue({ purpose: 'password_reset', userId: USER, email: 'ada@example.com' })).status).toBe(
      'issued',
    );
    store.rows[0].createdAt = new Date(Date.now() - 61_000);
    const second = await issued(service);
    expect(store.rows.filter((r) => r.purpose === 'registration')).toHaveLength(1);
    if (second.code !== first.code) {
      await expect(service.verify('registration', USER, first.code)).rejects.toBeInstanceOf(BadRequestException);
    }
    await expect(service.verify('registration', USER, second.code)).resolves.toBeDefined();
  });

  it('clean-up removes dead codes and reports a failing store (the job fails and runs again later)', async () => {
    await issued(service);
    store.rows[0].expiresAt = new Date(Date.now() - 1);
    await expect(service.deleteDeadCodes()).resolves.toBe(1);
    expect(store.rows).toHaveLength(0);
    jest.spyOn(store, 'deleteDead').mockRejectedValueOnce(new Error('db down'));
    await expect(service.deleteDeadCodes()).rejects.toThrow('db down');
  });
});
