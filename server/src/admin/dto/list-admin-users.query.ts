import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AdminUsersQuery } from '@world-it/contracts';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';

/** GET /api/admin/users */
export class ListAdminUsersQuery extends PageQueryDto implements AdminUsersQuery {
  @ApiPropertyOptional({ description: 'Matches display, first, last or full name, or email (case-insensitive)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(254)
  search?: string;
}
