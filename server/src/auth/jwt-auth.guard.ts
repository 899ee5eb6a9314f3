import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Bearer access token required (401 otherwise). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
