import { Init1700000000000 } from './1700000000000-init';
import { Users1732300000000 } from './1732300000000-users';
import { Accounts1732300001000 } from './1732300001000-accounts';
import { Media1732300002000 } from './1732300002000-media';
import { Chat1732300003000 } from './1732300003000-chat';
import { DirectListing1732300004700 } from './1732300004700-direct-listing';
import { AvatarsAlbums1732300005500 } from './1732300005500-avatars-albums';
import { Friendships1732300006000 } from './1732300006000-friendships';
import { Notifications1732300008000 } from './1732300008000-notifications';
import { PeopleOrder1732300009000 } from './1732300009000-people-order';
import { GroupedNotifications1732300011000 } from './1732300011000-grouped-notifications';
import { Posts1732300010000 } from './1732300010000-posts';
import { Housekeeping1732300013500 } from './1732300013500-housekeeping';
import { Privacy1732300016000 } from './1732300016000-privacy';

/** Every migration, in order. A new migration is added here (explicit list: no globs that differ between ts and js). */
export const MIGRATIONS = [
  Init1700000000000,
  Users1732300000000,
  Accounts1732300001000,
  Media1732300002000,
  Chat1732300003000,
  DirectListing1732300004700,
  AvatarsAlbums1732300005500,
  Friendships1732300006000,
  Notifications1732300008000,
  PeopleOrder1732300009000,
  Posts1732300010000,
  GroupedNotifications1732300011000,
  Housekeeping1732300013500,
  Privacy1732300016000,
];
