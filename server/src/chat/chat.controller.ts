import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { pageLimit, PageQueryDto } from '../common/pagination/cursor';
import type { Message, Page, Room } from '@world-it/contracts';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/roles.guard';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.guard';
import { ChatService } from './chat.service';
import { AddMemberDto } from './dto/add-member.dto';
import { CreateDirectRoomDto } from './dto/create-direct-room.dto';
import { CreateGroupDto } from './dto/create-group.dto';
import { EditMessageDto } from './dto/edit-message.dto';
import { PublicRoomsQueryDto } from './dto/public-rooms-query.dto';
import { ReadMessageDto } from './dto/read-message.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { UpdateRoomDto } from './dto/update-room.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';

/** Chat over REST: the same ChatService as the socket gateway, so a message posted here is delivered live too. */
@ApiTags('chat')
@Authenticated()
@Controller('chats')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Get()
  @ApiOperation({ summary: 'My rooms, most recent activity first, with unreadCount and lastMessage' })
  list(@CurrentUser() user: AuthUser, @Query() q: PageQueryDto): Promise<Page<Room>> {
    return this.chat.listRooms(user.id, { limit: pageLimit(q), cursor: q.cursor });
  }

  @Get('public')
  @ApiOperation({ summary: 'Public group rooms (member or not), most recent activity first' })
  listPublic(@CurrentUser() user: AuthUser, @Query() q: PublicRoomsQueryDto): Promise<Page<Room>> {
    return this.chat.listPublicRooms(user.id, q.search, { limit: pageLimit(q), cursor: q.cursor });
  }

  @Post('direct')
  @ApiOperation({ summary: 'The one direct room with that user: 201 when created now, 200 when it existed' })
  @ApiOkResponse({ description: 'Existing room' })
  @ApiCreatedResponse({ description: 'New room' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiForbiddenResponse({ description: 'Blocked (code "blocked")' })
  async direct(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateDirectRoomDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Room> {
    const { room, created } = await this.chat.openDirect(user.id, dto.userId);
    res.status(created ? 201 : 200);
    return room;
  }

  @Post('groups')
  @ApiOperation({ summary: 'Create a group; the creator is its admin' })
  createGroup(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupDto): Promise<Room> {
    return this.chat.createGroup(user.id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A room (a private room I am not in: 404)' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<Room> {
    return this.chat.getRoom(user.id, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Admin: rename, change visibility or avatar' })
  @ApiForbiddenResponse({ description: 'Not the admin' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() dto: UpdateRoomDto): Promise<Room> {
    return this.chat.updateRoom(user.id, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admin (or a site admin): delete the group and its messages' })
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    await this.chat.deleteRoom(user, id);
  }

  @Post(':id/join')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join a public group (a private one: 404)' })
  join(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<Room> {
    return this.chat.joinRoom(user.id, id);
  }

  @Post(':id/members')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: add a member' })
  addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<Room> {
    return this.chat.addMember(user.id, id, dto.userId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Admin removes anyone; a member removes themself (leave)' })
  async removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('userId', uuidParam) userId: string,
  ): Promise<void> {
    await this.chat.removeMember(user.id, id, userId);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: 'History, newest first (members; public groups: anyone)' })
  messages(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query() q: PageQueryDto,
  ): Promise<Page<Message>> {
    return this.chat.listMessages(user.id, id, { limit: pageLimit(q), cursor: q.cursor });
  }

  @Post(':id/messages')
  @RateLimit('messages')
  @ApiOperation({ summary: 'Send a message (delivered live exactly as over the socket); idempotent per clientId' })
  @ApiCreatedResponse({ description: 'Message' })
  async send(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() dto: SendMessageDto,
  ): Promise<Message> {
    return (await this.chat.sendMessage(user.id, id, dto)).message;
  }

  @Patch(':id/messages/:messageId')
  @RateLimit('messages')
  @ApiOperation({ summary: 'Author: edit a message' })
  @ApiOkResponse({ description: 'Message' })
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('messageId', uuidParam) messageId: string,
    @Body() dto: EditMessageDto,
  ): Promise<Message> {
    return this.chat.editMessage(user.id, id, messageId, dto.content);
  }

  @Delete(':id/messages/:messageId')
  @RateLimit('messages')
  @HttpCode(204)
  @ApiOperation({ summary: 'Author or room admin: delete a message' })
  @ApiNoContentResponse()
  async deleteMessage(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('messageId', uuidParam) messageId: string,
  ): Promise<void> {
    await this.chat.deleteMessage(user, id, messageId);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'My read position: unreadCount counts the messages after it' })
  async read(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() dto: ReadMessageDto,
  ): Promise<void> {
    await this.chat.markRead(user.id, id, dto.messageId);
  }
}
