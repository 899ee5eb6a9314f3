import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { ImageEntity } from '../media/image.entity';
import { RoomEntity } from './room.entity';

@Entity('messages')
// Which messages show an image (the orphaned-upload check; made by the migration).
@Index('messages_image_idx', { synchronize: false })
// Resending with the same clientId returns the stored message (INSERT ... ON CONFLICT on this index).
@Index('messages_author_client_key', ['authorId', 'clientId'], { unique: true })
// (room_id, created_at DESC, id DESC) WHERE deleted_at IS NULL: history pages, last message and unread
// counts are index range scans whatever the room's size (made by the migration).
@Index('messages_room_created_idx', { synchronize: false })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roomId: string;

  @ManyToOne(() => RoomEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'FK_messages_room' })
  room?: RoomEntity;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_messages_author' })
  author?: User;

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientId: string | null;

  @Column({ type: 'varchar', length: 4096, default: '' })
  content: string;

  @Column({ type: 'uuid', nullable: true })
  imageId: string | null;

  @ManyToOne(() => ImageEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'FK_messages_image' })
  image?: ImageEntity;

  /** Millisecond precision, so the keyset cursor (a JS Date) round-trips exactly. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  editedAt: Date | null;

  /** Soft delete: the row stays (read positions and clientIds keep pointing at it), its content is wiped. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;
}
