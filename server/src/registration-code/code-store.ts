import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RegistrationCode, type CodePurpose } from './registration-code.entity';

export type StoredCode = Pick<
  RegistrationCode,
  'id' | 'purpose' | 'email' | 'userId' | 'codeHash' | 'attempts' | 'expiresAt' | 'createdAt'
>;
export type NewCode = Pick<RegistrationCode, 'purpose' | 'email' | 'userId' | 'codeHash' | 'expiresAt'>;

/** Where codes live: the one boundary the code rules touch (a table here, memory in unit tests). */
export abstract class CodeStore {
  /** The newest code of that purpose mailed to that (lower-cased) address, live or not. */
  abstract lastIssued(purpose: CodePurpose, email: string, em?: EntityManager): Promise<StoredCode | null>;
  /** Stores a code, replacing any earlier one of that purpose for the user. */
  abstract replace(code: NewCode, em?: EntityManager): Promise<StoredCode>;
  abstract findNewest(purpose: CodePurpose, userId: string): Promise<StoredCode | null>;
  /** Atomically counts one attempt while the code is live: the new count, or null when it is dead. */
  abstract spendAttempt(id: string, maxAttempts: number): Promise<number | null>;
  /** Deletes the code; false when someone else consumed it first. */
  abstract consume(id: string): Promise<boolean>;
  /** Removes expired and exhausted codes. */
  abstract deleteDead(maxAttempts: number, keepForSeconds: number): Promise<number>;
}

@Injectable()
export class TypeOrmCodeStore extends CodeStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  private repo(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(RegistrationCode);
  }

  lastIssued(purpose: CodePurpose, email: string, em?: EntityManager): Promise<StoredCode | null> {
    return this.repo(em).findOne({ where: { purpose, email }, order: { createdAt: 'DESC' } });
  }

  async replace(code: NewCode, em?: EntityManager): Promise<StoredCode> {
    const repo = this.repo(em);
    await repo.delete({ purpose: code.purpose, userId: code.userId });
    return repo.save(repo.create({ ...code, attempts: 0 }));
  }

  findNewest(purpose: CodePurpose, userId: string): Promise<StoredCode | null> {
    return this.repo().findOne({ where: { purpose, userId }, order: { createdAt: 'DESC' } });
  }

  async spendAttempt(id: string, maxAttempts: number): Promise<number | null> {
    const rows: Array<{ attempts: number }> = await this.ds.query(
      `UPDATE "registration_codes" SET "attempts" = "attempts" + 1
        WHERE "id" = $1 AND "attempts" < $2 AND "expires_at" > now()
        RETURNING "attempts"`,
      [id, maxAttempts],
    );
    // pg answers an UPDATE … RETURNING through TypeORM as [rows, count]; PGlite as rows.
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as Array<{ attempts: number }>;
    return list.length ? Number(list[0].attempts) : null;
  }

  async consume(id: string): Promise<boolean> {
    const res = await this.repo().delete({ id });
    return (res.affected ?? 0) > 0;
  }

  async deleteDead(maxAttempts: number, keepForSeconds: number): Promise<number> {
    const res = await this.repo()
      .createQueryBuilder()
      .delete()
      .where(`"expires_at" < now() - make_interval(secs => :keep)`, { keep: keepForSeconds })
      .orWhere(`"attempts" >= :max AND "created_at" < now() - make_interval(secs => :keep)`, {
        max: maxAttempts,
        keep: keepForSeconds,
      })
      .execute();
    return res.affected ?? 0;
  }
}
