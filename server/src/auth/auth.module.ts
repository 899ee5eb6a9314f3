import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { RegistrationCodeModule } from '../registration-code/registration-code.module';
import { AccessTokenService, accessTokenJwtOptions } from './access-token.service';
import { authThrottlerOptions } from './auth-throttler';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';
import { SessionRevocations } from './session-revocations';
import { SessionsService } from './sessions.service';
import { UsersModule } from '../users/users.module';

/**
 * Accounts: registration by mailed code, sessions with rotating refresh tokens, passwords, email
 * change. Exports what other features need: access-token checks (gateway), sessions (ban revokes
 * them) and their revocations (realtime disconnects those sockets) and the password hasher. Users
 * themselves (entity, repository, mappers) belong to the UsersModule.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Session, RefreshToken]),
    UsersModule,
    PassportModule,
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: accessTokenJwtOptions }),
    RegistrationCodeModule,
    ThrottlerModule.forRootAsync({ inject: [AppConfig, RedisService], useFactory: authThrottlerOptions }),
  ],
  controllers: [AuthController],
  providers: [AccessTokenService, JwtStrategy, PasswordHasher, SessionRevocations, SessionsService, AuthService],
  exports: [AccessTokenService, SessionsService, SessionRevocations, PasswordHasher],
})
export class AuthModule {}
