import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { AdminStats, AdminUser, Page, QueueCounts } from '@world-it/contracts';
import { MeDto } from '../../auth/dto/responses.dto';

/** Swagger shapes of the answers (the contract interfaces are the source of truth). */
export class AdminUserDto extends MeDto implements AdminUser {
  @ApiProperty({ description: 'Banned: cannot sign in; sessions revoked' }) banned: boolean;
  @ApiProperty({ description: 'Entered the mailed registration code' }) confirmed: boolean;
}

export class AdminUserPageDto implements Page<AdminUser> {
  @ApiProperty({ type: [AdminUserDto] }) items: AdminUserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class QueueCountsDto implements QueueCounts {
  @ApiProperty({ description: 'Ready to run now' }) waiting: number;
  @ApiProperty() active: number;
  @ApiProperty({ description: 'Failed after every attempt (kept)' }) failed: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Scheduled later (a delay, or a retry waiting out its backoff)' }) delayed: number;
}

export class MailQueueCountsDto {
  @ApiProperty({ description: 'Not yet run: ready or delayed' }) waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() failed: number;
  @ApiProperty() completed: number;
}

export class AdminStatsDto implements AdminStats {
  @ApiProperty({ description: 'Every account, confirmed or not, banned or not' }) users: number;
  @ApiProperty() posts: number;
  @ApiProperty({ description: 'Chat messages stored, deleted ones not counted' }) messages: number;
  @ApiProperty({ description: 'Chat rooms, direct and group' }) rooms: number;
  @ApiProperty({ type: MailQueueCountsDto, description: 'The queue mail rides on' }) mailQueue: MailQueueCountsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(QueueCountsDto) },
    description: 'Every job queue by name',
    example: { jobs: { waiting: 0, active: 0, failed: 0, completed: 12, delayed: 1 } },
  })
  queues: Record<string, QueueCountsDto>;
}
