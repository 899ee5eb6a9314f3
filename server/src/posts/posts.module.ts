import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentEntity } from './comment.entity';
import { PostImageEntity } from './post-image.entity';
import { PostLikeEntity } from './post-like.entity';
import { PostLinkEntity } from './post-link.entity';
import { PostTagEntity } from './post-tag.entity';
import { PostEntity } from './post.entity';
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
  ],
})
export class PostsModule {}
