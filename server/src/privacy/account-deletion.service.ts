import { HttpException, Injectable, Logger, UnauthorizedException, ForbiddenException } from '@nestjs/common';
import { JobName, type RegisterResponse } from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionsService } from '../auth/sessions.service';
import { ChatService } from '../chat/chat.service';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { MediaService } from '../media/media.service';
import {
  RegistrationCodeService,
  codeMailPayload,
  cooldownError,
} from '../registration-code/registration-code.service';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccountDeletionRepository } from './account-deletion.repository';
import { DataExportsRepository } from './data-exports.repository';
import { ExportArchiveBuilder } from './export-archive.builder';

/**
 * "Delete my account", in two steps like an email change: the password, then a code mailed to the
 * account's address (the registration-code rules: 15 minutes, 5 attempts, one mail a minute), then
 * the password and code again. What is removed and what is kept: AccountDeletionRepository.
 */
@Injectable()
export class AccountDeletionService {
  private readonly log = new Logger('AccountDeletion');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly codes: RegistrationCodeService,
    private readonly outbox: MailOutboxService,
    private readonly sessions: SessionsService,
    private readonly chat: ChatService,
    private readonly repo: AccountDeletionRepository,
    private readonly exports: DataExportsRepository,
    private readonly builder: ExportArchiveBuilder,
    private readonly media: MediaService,
  ) {}

  /** Wrong password → 403 (as the email change answers); a code within a minute of the last → 429. */
  async requestCode(auth: AuthUser, password: string): Promise<RegisterResponse> {
    const user = await this.checkedUser(auth, password);
    const { expiresAt, mail } = await this.repo.transaction(async (em) => {
      const issued = await this.codes.issue({ purpose: 'account_deletion', userId: user.id, email: user.email }, em);
      if (issued.status === 'cooldown') throw cooldownError(issued.retryAfterSeconds);
      const mail = await this.outbox.add(
        em,
        JobName.AccountDeletionCode,
        codeMailPayload(user, issued.code, issued.expiresAt),
      );
      return { expiresAt: issued.expiresAt, mail };
    });
    this.outbox.relaySoon(mail);
    return { email: user.email, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Wrong password → 403; wrong code → 400 `code_invalid` with `attemptsLeft`; dead code (expired,
   * 5 wrong tries, none asked for) → 410 `code_expired`. Then: the user leaves every group room (the
   * oldest member becomes admin; the last one out deletes it), the account is erased in one
   * transaction, every session ends (which drops their sockets on every API process), and the files go.
   */
  async deleteAccount(auth: AuthUser, password: string, code: string): Promise<void> {
    const user = await this.checkedUser(auth, password);
    await this.codes.verify('account_deletion', user.id, code);
    for (const roomId of await this.repo.groupRoomIds(user.id)) {
      await this.chat.removeMember(user.id, roomId, user.id).catch((err: unknown) => {
        // Already out (left or removed meanwhile): nothing to hand over.
        if (!(err instanceof HttpException)) throw err;
      });
    }
    const erased = await this.repo.transaction(async (em) => {
      const account = await this.repo.erase(user.id, em);
      if (!account) return null;
      const exportFiles = await this.exports.deleteAllOf(user.id, em);
      return { ...account, exportFiles };
    });
    await this.sessions.revokeAllForUser(user.id, 'account_deleted');
    if (!erased) return;
    for (const id of erased.imageIds) await this.media.removeFiles(id);
    for (const key of erased.exportFiles) if (key) await this.builder.delete(key);
    this.log.log(`Account ${user.id} deleted (${erased.imageIds.length} upload(s) removed)`);
  }

  private async checkedUser(auth: AuthUser, password: string): Promise<User> {
    const user = await this.users.findById(auth.id);
    if (!user || user.deletedAt) throw new UnauthorizedException();
    if (!(await this.hasher.verify(user.passwordHash, password))) throw new ForbiddenException('password is wrong');
    return user;
  }
}
