import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * Users: the `User` entity and its repository, the only way into the `users` table. The mappers
 * (`user.mapper.ts`: toMe, toProfile, toUserSummary, avatarUrlOf) are plain functions beside it.
 * Auth, profiles, realtime, chat and the People features import this module, never the table.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [UsersRepository],
  exports: [UsersRepository],
})
export class UsersModule {}
