import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { AccessTokenService, accessTokenKey } from './access-token.service';
import type { AccessTokenClaims, AuthUser } from './auth-user';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly tokens: AccessTokenService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject (its own types predate that).
      secretOrKey: accessTokenKey(config) as unknown as Buffer,
      algorithms: ['HS256'],
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthUser> {
    const user = await this.tokens.checkClaims(claims);
    if (!user) throw new UnauthorizedException();
    return user;
  }
}
