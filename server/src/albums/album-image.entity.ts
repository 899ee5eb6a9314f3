import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImageEntity } from '../media/image.entity';
import { AlbumEntity } from './album.entity';

/** A picture in an album (once per album: adding it again changes nothing). */
@Entity('album_images')
// An album's pictures, newest-added first (keyset pages; the newest is the cover).
@Index('album_images_album_added_idx', ['albumId', 'addedAt', 'imageId'])
// Deleting an upload takes it out of every album.
@Index('album_images_image_idx', ['imageId'])
export class AlbumImageEntity {
  @PrimaryColumn({ type: 'uuid' })
  albumId: string;

  @ManyToOne(() => AlbumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'album_id', foreignKeyConstraintName: 'FK_album_images_album' })
  album?: AlbumEntity;

  @PrimaryColumn({ type: 'uuid' })
  imageId: string;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'FK_album_images_image' })
  image?: ImageEntity;

  /** Millisecond precision, so the keyset cursor (a JS Date) round-trips exactly. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  addedAt: Date;
}
