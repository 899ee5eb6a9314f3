import { AppMetrics } from '../metrics/app-metrics';
import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { MediaService } from '../media/media.service';
import type { RealtimeEmitter } from '../realtime/realtime-emitter';
import type { RoomRow } from './chat.mapper';
import { ChatService, isOpenToNonMembers } from './chat.service';
import type { ChatStore, MembershipRow } from './chat.store';
import type { BlockChecker } from '../users/social-graph';
import type { MissedDirectMessages } from './missed-direct-messages';
import type { TypingService } from './typing.service';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function room(over: Partial<RoomRow>): RoomRow {
  return {
    id: 'r',
    kind: 'group',
    name: 'G',
    visibility: 'private',
    admin_id: OTHER,
    avatar_image_id: null,
    last_activity_at: new Date(),
    created_at: new Date(),
    ...over,
  };
}
const membership = (userId: string): MembershipRow => ({
  room_id: 'r',
  user_id: userId,
  joined_at: new Date(),
  last_read_message_id: null,
  last_read_at: null,
});

/** The room rules with the database and sockets mocked away: who gets 404, who gets 403. */
describe('ChatService room rules', () => {
  let current: RoomRow | null;
  let members: string[];
  let blocked: boolean;
  let service: ChatService;

  beforeEach(() => {
    current = null;
    members = [];
    blocked = false;
    const store = {
      room: async () => current,
      membership: async (_r: string, userId: string) => (members.includes(userId) ? membership(userId) : null),
      memberIds: async () => members,
      fixedRoomFacts: async () =>
        current && { kind: current.kind, directMembers: current.kind === 'direct' ? members : [] },
      // The send statement as these rules see it: it stores nothing for a missing room or a non-member.
      storeMessage: async (_r: string, userId: string) => ({
        room: current && { kind: current.kind, visibility: current.visibility },
        member: members.includes(userId),
        row: null,
        listed: [],
      }),
      activeUser: async (id: string) =>
        id === OTHER ? { id, displayName: 'O', avatarUrl: null, online: false } : null,
    } as unknown as ChatStore;
    const db = { query: jest.fn(), transaction: jest.fn() } as unknown as DataSource;
    const blocks = { isBlocked: async () => blocked } as Partial<BlockChecker> as BlockChecker;
    service = new ChatService(
      db,
      store,
      {} as RealtimeEmitter,
      {} as TypingService,
      {} as MediaService,
      blocks,
      {} as MissedDirectMessages,
      {} as AppMetrics,
    );
  });

  it('lets non-members see public groups only', () => {
    expect(isOpenToNonMembers({ kind: 'group', visibility: 'public' })).toBe(true);
    expect(isOpenToNonMembers({ kind: 'group', visibility: 'private' })).toBe(false);
    expect(isOpenToNonMembers({ kind: 'direct', visibility: 'private' })).toBe(false);
  });

  it('answers 404 for a room that does not exist or is private and not mine, everywhere', async () => {
    await expect(service.getRoom(ME, 'r')).rejects.toThrow(NotFoundException);
    current = room({ visibility: 'private' });
    members = [OTHER];
    await expect(service.getRoom(ME, 'r')).rejects.toThrow(NotFoundException);
    await expect(service.listMessages(ME, 'r', { limit: 20 })).rejects.toThrow(NotFoundException);
    await expect(service.sendMessage(ME, 'r', { content: 'hi' })).rejects.toThrow(NotFoundException);
    await expect(service.updateRoom(ME, 'r', { name: 'x' })).rejects.toThrow(NotFoundException);
    await expect(service.markRead(ME, 'r', 'm')).rejects.toThrow(NotFoundException);
  });

  it('answers 403 to a non-member sending to a public group (must join first)', async () => {
    current = room({ visibility: 'public' });
    members = [OTHER];
    await expect(service.sendMessage(ME, 'r', { content: 'hi' })).rejects.toThrow(ForbiddenException);
  });

  it('answers 403 to members who are not the admin for admin actions', async () => {
    current = room({ visibility: 'private', admin_id: OTHER });
    members = [OTHER, ME];
    await expect(service.updateRoom(ME, 'r', { name: 'x' })).rejects.toThrow(ForbiddenException);
    await expect(service.deleteRoom({ id: ME, role: 'user', sessionId: 's' }, 'r')).rejects.toThrow(ForbiddenException);
    await expect(service.addMember(ME, 'r', OTHER)).rejects.toThrow(ForbiddenException);
  });

  it('refuses a DM with yourself (400) or an unknown user (404)', async () => {
    await expect(service.openDirect(ME, ME)).rejects.toThrow(BadRequestException);
    await expect(service.openDirect(ME, '33333333-3333-4333-8333-333333333333')).rejects.toThrow(NotFoundException);
  });

  it('answers 403 with code "blocked" when the BlockChecker says so (DM creation and sending)', async () => {
    blocked = true;
    const err = await service.openDirect(ME, OTHER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenException);
    expect((err as ForbiddenException).getResponse()).toMatchObject({ code: 'blocked' });
    current = room({ kind: 'direct', admin_id: null });
    members = [ME, OTHER];
    const send = await service.sendMessage(ME, 'r', { content: 'hi' }).catch((e: unknown) => e);
    expect((send as ForbiddenException).getResponse()).toMatchObject({ code: 'blocked' });
  });

  it('requires content or an image', async () => {
    current = room({ visibility: 'private' });
    members = [ME];
    await expect(service.sendMessage(ME, 'r', { content: '   ' })).rejects.toThrow(BadRequestException);
  });
});
