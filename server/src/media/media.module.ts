import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { ImageEntity } from './image.entity';
import { ImagesRepository } from './images.repository';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { LocalDiskStorage, MediaStorage } from './media-storage';
import { ProfileImagesController } from './profile-images.controller';

@Module({
  imports: [TypeOrmModule.forFeature([ImageEntity]), AuthModule, UsersModule],
  controllers: [MediaController, ProfileImagesController],
  providers: [
    MediaService,
    ImagesRepository,
    LocalDiskStorage,
    { provide: MediaStorage, useExisting: LocalDiskStorage },
  ],
  exports: [MediaService, MediaStorage, TypeOrmModule],
})
export class MediaModule {}
