import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/cursor';

export class PublicRoomsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the room name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
