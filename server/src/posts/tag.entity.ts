import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A tag, stored once, normalised (lower-case, no `#`); `posts_count` is how many posts carry it. */
@Entity('tags')
@Index('tags_name_key', ['name'], { unique: true })
// (name varchar_pattern_ops): the autocomplete's `name LIKE 'prefix%'` in any collation (made by the migration).
@Index('tags_name_prefix_idx', { synchronize: false })
export class TagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'integer', default: 0 })
  postsCount: number;
}
