import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MediaModule } from '../media/media.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { CommentEntity } from './comment.entity';
import { CommentsRepository } from './comments.repository';
import { PostImageEntity } from './post-image.entity';
import { PostLikeEntity } from './post-like.entity';
import { PostLinkEntity } from './post-link.entity';
import { PostTagEntity } from './post-tag.entity';
import { PostEntity } from './post.entity';
import { PostsController } from './posts.controller';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { TagEntity } from './tag.entity';

/** Posts and the feed: posts with tags, links and images, likes, comments, tag autocomplete. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      PostEntity,
      TagEntity,
      PostTagEntity,
      PostLinkEntity,
      PostImageEntity,
      PostLikeEntity,
      CommentEntity,
    ]),
    AuthModule,
    MediaModule,
    RealtimeModule,
  ],
  controllers: [PostsController],
  providers: [PostsService, PostsRepository, CommentsRepository],
})
export class PostsModule {}
