import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  DATA_EXPORT_COOLDOWN_SECONDS,
  DATA_EXPORT_TTL_HOURS,
  type DataExportResponse,
  type RegisterResponse,
} from '@world-it/contracts';
import type { AuthUser } from '../auth/auth-user';
import { RegisterResponseDto } from '../auth/dto/responses.dto';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { AccountDeletionService } from './account-deletion.service';
import { DataExportService } from './data-export.service';
import { DeleteAccountDto, RequestDeletionCodeDto } from './dto/delete-account.dto';

class DataExportResponseDto implements DataExportResponse {
  @ApiProperty({ enum: ['queued'], example: 'queued' })
  status: 'queued';
}

/** Privacy: download my data (an archive made by a job, its link mailed) and delete my account. */
@ApiTags('privacy')
@Controller('me')
export class PrivacyController {
  constructor(
    private readonly exports: DataExportService,
    private readonly deletion: AccountDeletionService,
  ) {}

  @Post('export')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated()
  @ApiOperation({
    summary: 'Download my data: an archive is made in the background and a link to it is mailed',
    description:
      'The ZIP holds profile.json (profile, email, settings, avatars, albums), posts.json, comments.json, ' +
      `messages.json (messages I wrote, with room and time), photos/ (my uploads) and README.txt. The link works ` +
      `for ${DATA_EXPORT_TTL_HOURS} h, also signed out. One request per ${DATA_EXPORT_COOLDOWN_SECONDS / 60} minutes.`,
  })
  @ApiAcceptedResponse({ type: DataExportResponseDto })
  @ApiTooManyRequestsResponse({
    description: 'A data export was already requested within the hour (`Retry-After`, `code: rate_limited`)',
  })
  requestExport(@CurrentUser() me: AuthUser): Promise<DataExportResponse> {
    return this.exports.request(me.id);
  }

  @Get('export/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({
    summary: 'The data archive behind a mailed link (no sign-in: the token is the key, for that archive only)',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP, as an attachment' })
  @ApiNotFoundResponse({ description: 'Unknown or expired token' })
  download(@Param('token') token: string): Promise<StreamableFile> {
    return this.exports.download(token);
  }

  @Post('deletion/code')
  @HttpCode(HttpStatus.ACCEPTED)
  @Authenticated()
  @ApiOperation({ summary: 'Delete my account, step 1: check the password and mail a 6-digit code (15 min)' })
  @ApiAcceptedResponse({ type: RegisterResponseDto })
  @ApiForbiddenResponse({ description: 'password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'A code was mailed less than a minute ago (`code: resend_cooldown`)' })
  requestDeletionCode(@CurrentUser() me: AuthUser, @Body() dto: RequestDeletionCodeDto): Promise<RegisterResponse> {
    return this.deletion.requestCode(me, dto.password);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({
    summary: 'Delete my account, step 2: password and the mailed code',
    description:
      'Posts, comments, likes, friendships, blocks, notifications, photos, albums and avatars are deleted; chat ' +
      'messages stay, shown as from "Deleted user"; group rooms I admin pass to their oldest member. Every ' +
      'session ends and my sockets drop; the email can register again.',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'Invalid body, or a wrong code (`code: code_invalid`, `attemptsLeft`)' })
  @ApiForbiddenResponse({ description: 'password is wrong' })
  @ApiGoneResponse({ description: 'The code expired or was tried 5 times: request a new one (`code: code_expired`)' })
  async deleteAccount(@CurrentUser() me: AuthUser, @Body() dto: DeleteAccountDto): Promise<void> {
    await this.deletion.deleteAccount(me, dto.password, dto.code);
  }
}
