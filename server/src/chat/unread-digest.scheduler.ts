import { Injectable } from '@nestjs/common';

/** Placeholder until the digest lands (see unread-digest.ts). */
@Injectable()
export class UnreadDigestScheduler {
  async directMessageStored(_recipientIds: string[]): Promise<void> {
    return;
  }
}
