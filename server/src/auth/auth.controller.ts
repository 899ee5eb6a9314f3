import { applyDecorators, Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthResponse, Me, RegisterResponse, TokenPair } from '@world-it/contracts';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { SkipRateLimit } from '../common/rate-limit/rate-limit.guard';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { ChangeEmailDto } from './dto/change-email.dto';
import { ConfirmDto, ConfirmEmailChangeDto } from './dto/confirm.dto';
import { EmailDto } from './dto/email.dto';
import { LoginDto } from './dto/login.dto';
import { ChangePasswordDto, ResetPasswordDto } from './dto/password.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';
import { AuthResponseDto, MeDto, RegisterResponseDto, TokenPairDto } from './dto/responses.dto';
import { Authenticated } from './roles.guard';

function CodeErrors(): MethodDecorator {
  return applyDecorators(
    ApiBadRequestResponse({ description: 'Invalid body, or a wrong code (`attemptsLeft` in the body)' }),
    ApiGoneResponse({ description: 'The code expired or was tried 5 times: request a new one' }),
  );
}

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'Rate limited (per IP and per email)' })
@UseGuards(ThrottlerGuard)
// Throttled per IP and per email above; the per-user write buckets are for the rest of the API.
@SkipRateLimit()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Create an account (or restart an unconfirmed one); a 6-digit code is mailed' })
  @ApiAcceptedResponse({ type: RegisterResponseDto })
  @ApiConflictResponse({ description: 'The email is already confirmed by an account' })
  register(@Body() dto: RegisterDto): Promise<RegisterResponse> {
    return this.auth.register(dto);
  }

  @Post('confirm')
  @ApiOperation({ summary: 'Confirm the email with the mailed code; signs in' })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @CodeErrors()
  confirm(@Body() dto: ConfirmDto): Promise<AuthResponse> {
    return this.auth.confirm(dto);
  }

  @Post('resend-code')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Mail a new registration code (202 for unknown addresses too)' })
  @ApiAcceptedResponse({ description: 'Mailed (or nothing to mail)' })
  async resendCode(@Body() dto: EmailDto): Promise<void> {
    await this.auth.resendCode(dto.email);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  @ApiForbiddenResponse({ description: '`code: "email_unconfirmed"` or `code: "banned"`' })
  login(@Body() dto: LoginDto): Promise<AuthResponse> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token (works once) for a new pair; reusing a spent one ends the session',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, spent, revoked or expired refresh token' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the session of this refresh token' })
  @ApiNoContentResponse()
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @SkipThrottle({ ip: true, email: true })
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<Me> {
    return this.auth.me(user);
  }

  @Post('password/forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Mail a password reset code (202 whether or not the address has an account)' })
  @ApiAcceptedResponse()
  async forgotPassword(@Body() dto: EmailDto): Promise<void> {
    await this.auth.forgotPassword(dto.email);
  }

  @Post('password/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with the mailed code; every session ends' })
  @ApiNoContentResponse()
  @CodeErrors()
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.auth.resetPassword(dto);
  }

  @Post('password/change')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({ summary: 'Change the password; other sessions end' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'currentPassword is wrong' })
  async changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(user, dto);
  }

  @Post('email/change')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated()
  @ApiOperation({ summary: 'Mail a code to a new address' })
  @ApiAcceptedResponse({ type: RegisterResponseDto })
  @ApiConflictResponse({ description: 'The address is taken' })
  @ApiForbiddenResponse({ description: 'password is wrong' })
  changeEmail(@CurrentUser() user: AuthUser, @Body() dto: ChangeEmailDto): Promise<RegisterResponse> {
    return this.auth.changeEmail(user, dto);
  }

  @Post('email/confirm')
  @HttpCode(HttpStatus.OK)
  @Authenticated()
  @ApiOperation({ summary: 'Confirm the new address with the mailed code' })
  @ApiOkResponse({ type: MeDto })
  @CodeErrors()
  confirmEmailChange(@CurrentUser() user: AuthUser, @Body() dto: ConfirmEmailChangeDto): Promise<Me> {
    return this.auth.confirmEmailChange(user, dto.code);
  }
}
