import { ConflictException, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  JobName,
  type AuthResponse,
  type ErrorBody,
  type Me,
  type RegisterResponse,
  type TokenPair,
} from '@world-it/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MailOutboxService } from '../mail/mail-outbox.service';
import {
  RegistrationCodeService,
  codeMailPayload,
  cooldownError,
  deadCodeError,
} from '../registration-code/registration-code.service';
import type { AuthUser } from './auth-user';
import type { ChangeEmailDto } from './dto/change-email.dto';
import type { ConfirmDto } from './dto/confirm.dto';
import type { LoginDto } from './dto/login.dto';
import type { ChangePasswordDto, ResetPasswordDto } from './dto/password.dto';
import type { RegisterDto } from './dto/register.dto';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';
import type { User } from '../users/user.entity';
import { FriendDirectory } from '../users/social-graph';
import { toMe } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';

/** Registration by mailed code, sign-in, sessions, password and email changes. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly codes: RegistrationCodeService,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
    private readonly friends: FriendDirectory,
  ) {}

  /**
   * New account, or a fresh start for an unconfirmed one (new password and name); a code is mailed
   * unless one went to this address less than a minute ago (then the earlier code stays valid).
   */
  async register(dto: RegisterDto): Promise<RegisterResponse> {
    const passwordHash = await this.hasher.hash(dto.password);
    const { expiresAt, mail } = await this.ds.transaction(async (em) => {
      let user = await this.users.findByEmail(dto.email, em, true);
      if (user?.confirmed) throw new ConflictException('email is already registered: sign in or reset the password');
      if (!user) {
        user = await this.users.save(
          { email: dto.email, passwordHash, displayName: dto.displayName, language: dto.language ?? 'en' },
          em,
        );
      } else {
        user.email = dto.email;
        user.passwordHash = passwordHash;
        user.displayName = dto.displayName;
        if (dto.language) user.language = dto.language;
        user = await this.users.save(user, em);
      }
      const issued = await this.codes.issue({ purpose: 'registration', userId: user.id, email: user.email }, em);
      if (issued.status === 'cooldown') return { expiresAt: issued.expiresAt, mail: null };
      const mail = await this.outbox.add(
        em,
        JobName.RegistrationCode,
        codeMailPayload(user, issued.code, issued.expiresAt),
      );
      return { expiresAt: issued.expiresAt, mail };
    });
    if (mail) this.outbox.relaySoon(mail);
    return { email: dto.email, expiresAt: expiresAt.toISOString() };
  }

  async confirm(dto: ConfirmDto): Promise<AuthResponse> {
    const user = await this.users.findByEmail(dto.email);
    // No live registration code exists for an unknown or confirmed address: answered like a dead code.
    if (!user || user.confirmed) throw deadCodeError();
    await this.codes.verify('registration', user.id, dto.code);
    user.confirmed = true;
    this.grantAdminIfListed(user);
    await this.users.update(user.id, { confirmed: true, role: user.role });
    return this.signIn(user);
  }

  /** 202 for unknown or confirmed addresses too; 429 within a minute of the last code to this address. */
  async resendCode(email: string): Promise<void> {
    const mail = await this.ds.transaction(async (em) => {
      const user = await this.users.findByEmail(email, em, true);
      if (!user || user.confirmed) return null;
      const issued = await this.codes.issue({ purpose: 'registration', userId: user.id, email: user.email }, em);
      if (issued.status === 'cooldown') throw cooldownError(issued.retryAfterSeconds);
      return this.outbox.add(em, JobName.RegistrationCode, codeMailPayload(user, issued.code, issued.expiresAt));
    });
    if (mail) this.outbox.relaySoon(mail);
  }

  async login(dto: LoginDto): Promise<AuthResponse> {
    const user = await this.users.findByEmail(dto.email);
    const ok = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!user || !ok) throw new UnauthorizedException('email or password is wrong');
    if (!user.confirmed) {
      throw new ForbiddenException({
        message: 'email is not confirmed yet: enter the code we mailed you',
        code: 'email_unconfirmed',
      } satisfies Partial<ErrorBody>);
    }
    if (user.banned) {
      throw new ForbiddenException({ message: 'this account is banned', code: 'banned' } satisfies Partial<ErrorBody>);
    }
    if (this.grantAdminIfListed(user)) await this.users.update(user.id, { role: user.role });
    return this.signIn(user);
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.sessions.rotate(refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revokeByRefreshToken(refreshToken);
  }

  async me(auth: AuthUser): Promise<Me> {
    return this.meOf(await this.loadUser(auth));
  }

  /** Always 202: whether the address has an account is not told. */
  async forgotPassword(email: string): Promise<void> {
    const mail = await this.ds.transaction(async (em) => {
      const user = await this.users.findByEmail(email, em, true);
      if (!user || !user.confirmed) return null;
      const issued = await this.codes.issue({ purpose: 'password_reset', userId: user.id, email: user.email }, em);
      if (issued.status === 'cooldown') return null;
      return this.outbox.add(em, JobName.PasswordResetCode, codeMailPayload(user, issued.code, issued.expiresAt));
    });
    if (mail) this.outbox.relaySoon(mail);
  }

  /** A right code sets the new password and ends every session of the user. */
  async resetPassword(dto: ResetPasswordDto): Promise<void> {
    const user = await this.users.findByEmail(dto.email);
    if (!user) throw deadCodeError();
    await this.codes.verify('password_reset', user.id, dto.code);
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(dto.newPassword) });
    await this.sessions.revokeAllForUser(user.id, 'password_reset');
  }

  /** Other sessions end; the caller's own stays signed in. */
  async changePassword(auth: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const user = await this.loadUser(auth);
    if (!(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
      throw new ForbiddenException('currentPassword is wrong');
    }
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(dto.newPassword) });
    await this.sessions.revokeAllForUser(user.id, 'password_change', auth.sessionId);
  }

  async changeEmail(auth: AuthUser, dto: ChangeEmailDto): Promise<RegisterResponse> {
    const user = await this.loadUser(auth);
    if (!(await this.hasher.verify(user.passwordHash, dto.password))) throw new ForbiddenException('password is wrong');
    const { expiresAt, mail } = await this.ds.transaction(async (em) => {
      if (await this.users.findByEmail(dto.newEmail, em)) throw new ConflictException('newEmail is already in use');
      const issued = await this.codes.issue({ purpose: 'email_change', userId: user.id, email: dto.newEmail }, em);
      if (issued.status === 'cooldown') throw cooldownError(issued.retryAfterSeconds);
      const mail = await this.outbox.add(em, JobName.EmailChangeCode, {
        ...codeMailPayload(user, issued.code, issued.expiresAt),
        to: dto.newEmail,
      });
      return { expiresAt: issued.expiresAt, mail };
    });
    this.outbox.relaySoon(mail);
    return { email: dto.newEmail, expiresAt: expiresAt.toISOString() };
  }

  async confirmEmailChange(auth: AuthUser, code: string): Promise<Me> {
    const user = await this.loadUser(auth);
    const verified = await this.codes.verify('email_change', user.id, code);
    const owner = await this.users.findByEmail(verified.email);
    if (owner && owner.id !== user.id) throw new ConflictException('that email address was taken in the meantime');
    user.email = verified.email;
    this.grantAdminIfListed(user);
    await this.users.update(user.id, { email: user.email, role: user.role });
    return this.meOf(await this.loadUser(auth));
  }

  private async signIn(user: User): Promise<AuthResponse> {
    const { accessToken, refreshToken } = await this.sessions.start(user);
    const fresh = (await this.users.findById(user.id)) ?? user;
    return { accessToken, refreshToken, user: await this.meOf(fresh) };
  }

  /** ADMIN_EMAILS users become admins when they confirm or sign in; true when the role changed. */
  private grantAdminIfListed(user: User): boolean {
    if (user.role === 'admin' || !this.config.adminEmails.includes(user.email.toLowerCase())) return false;
    user.role = 'admin';
    return true;
  }

  /** Me with the friends count (from the friendships feature, through the FriendDirectory seam). */
  private async meOf(user: User): Promise<Me> {
    const counts = await this.friends.countsOf([user.id]);
    return toMe(user, { friendsCount: counts.get(user.id) ?? 0 });
  }

  private async loadUser(auth: AuthUser): Promise<User> {
    const user = await this.users.findById(auth.id);
    if (!user) throw new UnauthorizedException();
    return user;
  }
}
