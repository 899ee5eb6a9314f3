import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ImageEntity } from './image.entity';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { LocalDiskStorage, MediaStorage } from './media-storage';

@Module({
  imports: [TypeOrmModule.forFeature([ImageEntity]), AuthModule],
  controllers: [MediaController],
  providers: [MediaService, LocalDiskStorage, { provide: MediaStorage, useExisting: LocalDiskStorage }],
  exports: [MediaService, MediaStorage, TypeOrmModule],
})
export class MediaModule {}
