import type { Me, Profile } from '@world-it/contracts';

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'u-' + Math.random().toString(36).slice(2, 10),
    displayName: 'Someone',
    avatarUrl: null,
    online: false,
    firstName: '',
    lastName: '',
    about: '',
    dateOfBirth: null,
    createdAt: '2026-01-10T10:00:00.000Z',
    lastSeenAt: null,
    friendsCount: 0,
    friendship: 'none',
    ...overrides,
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    ...makeProfile({ id: 'me', displayName: 'Ada Lovelace', friendship: 'self' }),
    email: 'ada@example.com',
    role: 'user',
    language: 'en',
    emailDigest: false,
    ...overrides,
  };
}
