import { ApiProperty } from '@nestjs/swagger';
import type { AddMemberRequest } from '@world-it/contracts';
import { IsUUID } from 'class-validator';

export class AddMemberDto implements AddMemberRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}
