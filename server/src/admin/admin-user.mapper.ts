import type { AdminUser, FriendshipStatus } from '@world-it/contracts';
import type { User } from '../users/user.entity';
import { toMe } from '../users/user.mapper';

/** A user as an admin sees them: Me-shaped, with presence and friendship as seen from the admin. */
export function toAdminUser(
  user: User,
  extra: { online: boolean; friendsCount: number; friendship: FriendshipStatus },
): AdminUser {
  return {
    ...toMe(user, { friendsCount: extra.friendsCount }),
    online: extra.online,
    friendship: extra.friendship,
    banned: user.banned,
    confirmed: user.confirmed,
  };
}
