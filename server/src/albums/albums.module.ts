import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { UsersModule } from '../users/users.module';
import { AlbumEntity } from './album.entity';
import { AlbumImageEntity } from './album-image.entity';
import { AlbumsController } from './albums.controller';
import { AlbumsRepository } from './albums.repository';
import { AlbumsService } from './albums.service';

/** Photo albums of one's own uploads (name, theme, year); they let go of an upload when it is deleted. */
@Module({
  imports: [TypeOrmModule.forFeature([AlbumEntity, AlbumImageEntity]), AuthModule, UsersModule, MediaModule],
  controllers: [AlbumsController],
  providers: [AlbumsService, AlbumsRepository],
})
export class AlbumsModule {}
