import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { OutboxMail } from '@world-it/contracts';
import { Repository } from 'typeorm';
import { DevOutboxMail } from './dev-outbox.entity';
import { DevOutboxQueryDto } from './dto/dev-outbox-query.dto';

const LIMIT = 50;

/** Development only (not registered in production): the mail the app would have sent, newest first. */
@ApiTags('development')
@Controller('dev/outbox')
export class DevOutboxController {
  constructor(@InjectRepository(DevOutboxMail) private readonly outbox: Repository<DevOutboxMail>) {}

  @Get()
  @ApiOperation({ summary: 'Mail sent to an address while no SMTP server is configured (not in production)' })
  @ApiOkResponse({ description: '`[{ to, subject, text, html, sentAt }]`, newest first (at most 50)' })
  async list(@Query() query: DevOutboxQueryDto): Promise<OutboxMail[]> {
    const rows = await this.outbox.find({
      where: { recipient: query.to.toLowerCase() },
      order: { sentAt: 'DESC' },
      take: LIMIT,
    });
    return rows.map((r) => ({
      to: r.recipient,
      subject: r.subject,
      text: r.text,
      html: r.html,
      sentAt: r.sentAt.toISOString(),
    }));
  }
}
