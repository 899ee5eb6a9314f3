import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  TAG_SUGGESTIONS_MAX,
  type Comment,
  type LikeState,
  type Page,
  type PageQuery,
  type Post,
  type Role,
  type TagCount,
} from '@world-it/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents } from '../common/events/domain-events';
import { pageLimit, toPage } from '../common/pagination/cursor';
import { decodeTimeKey } from '../common/pagination/time-key-cursor';
import { MediaService } from '../media/media.service';
import { PresenceService } from '../realtime/presence.service';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { BlockChecker, FriendDirectory } from '../users/social-graph';
import { CommentsRepository } from './comments.repository';
import type { CreateCommentDto } from './dto/create-comment.dto';
import type { ListPostsQuery } from './dto/list-posts.query';
import { isValidTag, normaliseTag, TAG_PATTERN } from './dto/post-fields';
import type { CreatePostDto, UpdatePostDto } from './dto/save-post.dto';
import { toComment, toPost } from './post.mapper';
import { PostsRepository, type PostFacts, type PostSource, type Reader } from './posts.repository';

/** Who acts: their id and site role (admins delete any post or comment). */
export interface Actor {
  id: string;
  role: Role;
}

const NOT_FOUND = 'No such post';
const emptyPage = (): Page<Post> => ({ items: [], nextCursor: null });
const timeKeyOf = (r: { created_at: Date | string; id: string }) => ({
  t: (r.created_at instanceof Date ? r.created_at : new Date(r.created_at)).toISOString(),
  id: r.id,
});

/**
 * Posts, likes, comments and tags. Who may see a post is one rule (`visibleTo`): its author, the
 * author's friends, and — for a public post — anyone not in a block with the author. A post someone
 * may not see is a 404 everywhere (by id, in every list, for likes and comments); one they see but
 * may not change is a 403.
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly db: DataSource,
    private readonly posts: PostsRepository,
    private readonly comments: CommentsRepository,
    private readonly friends: FriendDirectory,
    private readonly blocks: BlockChecker,
    private readonly presence: PresenceService,
    private readonly media: MediaService,
    private readonly realtime: RealtimeEmitter,
    private readonly events: DomainEvents,
  ) {}

  /** GET /api/posts: newest first, in keyset pages that stay put while new posts arrive. */
  async list(me: string, q: ListPostsQuery): Promise<Page<Post>> {
    const after = decodeTimeKey(q.cursor);
    const limit = pageLimit(q);
    const reader = await this.reader(me);
    const scope = q.scope ?? 'feed';
    const mine = new Set(reader.authors);
    if (q.authorId !== undefined) {
      if (reader.hidden.includes(q.authorId)) return emptyPage();
      if (scope === 'feed' && !mine.has(q.authorId)) return emptyPage();
    }
    let source: PostSource;
    const tagName = q.tag === undefined ? '' : normaliseTag(q.tag);
    if (tagName !== '') {
      if (!isValidTag(tagName)) return emptyPage();
      source = { kind: 'tag', tagName, onlyAuthors: scope === 'feed', authorId: q.authorId };
    } else if (q.authorId !== undefined) {
      source = { kind: 'author', authorId: q.authorId };
    } else {
      source = { kind: scope };
    }
    const rows = await this.posts.page(reader, source, after, limit + 1);
    const online = await this.presence.onlineAmong(rows.map((r) => r.author_id));
    return toPage(rows, limit, (r) => toPost(r, online.has(r.author_id)), timeKeyOf);
  }

  async get(me: string, id: string): Promise<Post> {
    await this.requireVisible(me, id);
    return this.card(me, id);
  }

  async create(me: string, dto: CreatePostDto): Promise<Post> {
    const visibility = dto.visibility ?? 'public';
    const post = await this.db.transaction(async (em) => {
      const created = await this.posts.insert(me, { title: dto.title, content: dto.content, visibility }, em);
      await this.posts.addTags(created.id, created.created_at, dto.tags ?? [], visibility === 'public', em);
      await this.posts.setLinks(created.id, dto.links ?? [], em);
      await this.attachImages(me, created.id, dto.imageIds ?? [], em);
      return created;
    });
    // Everyone whose feed it enters: the author's other devices and their friends (blocked people are never friends).
    const readers = [me, ...(await this.friends.friendIdsOf(me))];
    this.realtime.toUsers(readers, 'post:new', {
      postId: post.id,
      authorId: me,
      createdAt: new Date(post.created_at).toISOString(),
    });
    return this.card(me, post.id);
  }

  /** The author only (others who see it → 403). A list given replaces the old one. */
  async update(me: string, id: string, dto: UpdatePostDto): Promise<Post> {
    const post = await this.requireVisible(me, id);
    if (post.author_id !== me) throw new ForbiddenException('Only the author may edit this post');
    await this.db.transaction(async (em) => {
      const before = await this.posts.lock(id, em);
      if (!before) throw new NotFoundException(NOT_FOUND);
      const visibility = dto.visibility ?? before.visibility;
      await this.posts.update(id, { title: dto.title, content: dto.content, visibility: dto.visibility }, em);
      if (dto.tags !== undefined || visibility !== before.visibility) {
        const tags = dto.tags ?? (await this.posts.tagsOf(id, em));
        await this.posts.releaseTags(id, before.visibility === 'public', em);
        await this.posts.addTags(id, before.created_at, tags, visibility === 'public', em);
      }
      if (dto.links !== undefined) await this.posts.setLinks(id, dto.links, em);
      if (dto.imageIds !== undefined) await this.attachImages(me, id, dto.imageIds, em);
    });
    return this.card(me, id);
  }

  /** The author or an admin; anyone else who sees it → 403. */
  async remove(actor: Actor, id: string): Promise<void> {
    const post = await this.requireVisible(actor.id, id, actor.role === 'admin');
    if (post.author_id !== actor.id && actor.role !== 'admin') {
      throw new ForbiddenException('Only the author or an admin may delete this post');
    }
    await this.db.transaction(async (em) => {
      const current = await this.posts.lock(id, em);
      if (current) await this.posts.delete(id, current.visibility === 'public', em);
    });
  }

  /** POST / DELETE /api/posts/:id/like: idempotent; a first like notifies the author. */
  async setLike(me: string, id: string, liked: boolean): Promise<LikeState> {
    const post = await this.requireVisible(me, id);
    const state = await this.posts.setLike(id, me, liked);
    if (!state) throw new NotFoundException(NOT_FOUND);
    if (state.changed) {
      this.pushCounts(post, me, state);
      if (liked) await this.events.emit('post.liked', { postId: id, authorId: post.author_id, actorId: me });
    }
    return { likesCount: state.likesCount, likedByMe: liked };
  }

  /** Oldest first. */
  async listComments(me: string, id: string, q: PageQuery): Promise<Page<Comment>> {
    await this.requireVisible(me, id);
    const limit = pageLimit(q);
    const rows = await this.comments.page(id, decodeTimeKey(q.cursor), limit + 1);
    const online = await this.presence.onlineAmong(rows.map((r) => r.author_id));
    return toPage(rows, limit, (r) => toComment(r, online.has(r.author_id)), timeKeyOf);
  }

  async addComment(me: string, id: string, dto: CreateCommentDto): Promise<Comment> {
    const post = await this.requireVisible(me, id);
    const added = await this.comments.insert(id, me, dto.content);
    if (!added) throw new NotFoundException(NOT_FOUND);
    this.pushCounts(post, me, added);
    await this.events.emit('post.commented', {
      postId: id,
      authorId: post.author_id,
      actorId: me,
      commentId: added.comment.id,
    });
    return toComment(added.comment, true);
  }

  /** The comment's author, the post's author or an admin; anyone else who sees it → 403. */
  async removeComment(actor: Actor, id: string, commentId: string): Promise<void> {
    const admin = actor.role === 'admin';
    const post = await this.requireVisible(actor.id, id, admin);
    const comment = await this.comments.find(id, commentId);
    if (!comment) throw new NotFoundException('No such comment');
    if (comment.author_id !== actor.id && post.author_id !== actor.id && !admin) {
      throw new ForbiddenException("Only the comment's author, the post's author or an admin may delete it");
    }
    const counts = await this.comments.delete(id, commentId);
    if (counts) this.pushCounts(post, actor.id, counts);
  }

  /** GET /api/tags: up to 10 tags starting with the prefix (normalised like tags are), most used first. */
  async tags(prefix = ''): Promise<TagCount[]> {
    const normalised = normaliseTag(prefix);
    if (normalised !== '' && !TAG_PATTERN.test(normalised)) return [];
    const rows = await this.posts.tagsByPrefix(normalised, TAG_SUGGESTIONS_MAX);
    return rows.map((r) => ({ name: r.name, postsCount: Number(r.posts_count) }));
  }

  /** The reader's own id and friends (whose `friends` posts they see) and everyone in a block with them. */
  private async reader(me: string): Promise<Reader> {
    const [friends, hidden] = await Promise.all([this.friends.friendIdsOf(me), this.blocks.blockedPeersOf(me)]);
    return { id: me, authors: [me, ...friends], hidden };
  }

  /**
   * The post if `me` may see it, else 404. `moderator` (an admin deleting) sees every post of an
   * active author.
   */
  private async requireVisible(me: string, id: string, moderator = false): Promise<PostFacts> {
    const post = await this.posts.facts(id);
    if (!post || !(moderator || (await this.visibleTo(me, post)))) throw new NotFoundException(NOT_FOUND);
    return post;
  }

  private async visibleTo(me: string, post: PostFacts): Promise<boolean> {
    if (post.author_id === me) return true;
    const [blocked, relation] = await Promise.all([
      this.blocks.isBlocked(me, post.author_id),
      post.visibility === 'friends' ? this.friends.statusBetween(me, [post.author_id]) : Promise.resolve(null),
    ]);
    if (blocked) return false;
    return post.visibility === 'public' || relation?.get(post.author_id) === 'friends';
  }

  private async card(me: string, id: string): Promise<Post> {
    const row = await this.posts.hydrate(me, id);
    if (!row) throw new NotFoundException(NOT_FOUND);
    const online = row.author_id === me || (await this.presence.isOnline(row.author_id));
    return toPost(row, online);
  }

  /** Own live uploads only, share-locked until the post points at them; anything else is a 400 naming it. */
  private async attachImages(me: string, postId: string, imageIds: string[], em: EntityManager): Promise<void> {
    try {
      await this.media.lockOwnImages(me, imageIds, em);
    } catch (err) {
      if (err instanceof NotFoundException) {
        throw new BadRequestException([`imageIds must be images you uploaded (POST /api/uploads): ${err.message}`]);
      }
      throw err;
    }
    await this.posts.setImages(postId, imageIds, em);
  }

  /** post:counts to the author and whoever changed them. */
  private pushCounts(post: PostFacts, actorId: string, counts: { likesCount: number; commentsCount: number }): void {
    this.realtime.toUsers([...new Set([post.author_id, actorId])], 'post:counts', {
      postId: post.id,
      likesCount: counts.likesCount,
      commentsCount: counts.commentsCount,
    });
  }
}
