import type { Repository } from 'typeorm';
import { MailSender } from './mail-sender.service';
import { MailTransport, stableMessageId, type DeliveryOptions, type RenderedMail } from './mail-transport';
import type { SentMail } from './sent-mail.entity';

class RecordingTransport extends MailTransport {
  readonly name = 'recording';
  sent: RenderedMail[] = [];
  keys: (string | undefined)[] = [];
  failNext = false;
  async deliver(mail: RenderedMail, options?: DeliveryOptions): Promise<void> {
    this.keys.push(options?.messageKey);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('SMTP down');
    }
    this.sent.push(mail);
  }
}

function sentRepo() {
  const keys = new Set<string>();
  const repo = {
    keys,
    exists: async ({ where }: { where: { dedupeKey: string } }) => keys.has(where.dedupeKey),
    createQueryBuilder: () => {
      let value = '';
      const qb = {
        insert: () => qb,
        values: (v: { dedupeKey: string }) => {
          value = v.dedupeKey;
          return qb;
        },
        orIgnore: () => qb,
        execute: async () => keys.add(value),
      };
      return qb;
    },
  };
  return repo;
}

describe('MailSender', () => {
  const mail = { to: 'a@example.com', subject: 's', html: '<p>h</p>', text: 't' };

  it('sends once per dedupe key: a retried job after a successful send sends nothing', async () => {
    const transport = new RecordingTransport();
    const sender = new MailSender(transport, sentRepo() as unknown as Repository<SentMail>);
    expect(await sender.send({ ...mail, dedupeKey: 'job:1' })).toBe(true);
    expect(await sender.send({ ...mail, dedupeKey: 'job:1' })).toBe(false);
    expect(transport.sent).toEqual([mail]);
  });

  it('a failed send records nothing, so the retry sends', async () => {
    const transport = new RecordingTransport();
    const repo = sentRepo();
    const sender = new MailSender(transport, repo as unknown as Repository<SentMail>);
    transport.failNext = true;
    await expect(sender.send({ ...mail, dedupeKey: 'job:2' })).rejects.toThrow('SMTP down');
    expect(repo.keys.size).toBe(0);
    expect(await sender.send({ ...mail, dedupeKey: 'job:2' })).toBe(true);
    expect(transport.sent).toHaveLength(1);
  });

  it('hands the dedupe key to the transport on every attempt, so a resend is the same message', async () => {
    const transport = new RecordingTransport();
    const sender = new MailSender(transport, sentRepo() as unknown as Repository<SentMail>);
    transport.failNext = true;
    await expect(sender.send({ ...mail, dedupeKey: 'job:3' })).rejects.toThrow('SMTP down');
    await sender.send({ ...mail, dedupeKey: 'job:3' });
    expect(transport.keys).toEqual(['job:3', 'job:3']);
  });

  it('makes one Message-ID per key, on the sender’s domain', () => {
    const from = 'World IT <no-reply@mail.example.org>';
    const id = stableMessageId('job:3', from);
    expect(id).toMatch(/^<[0-9a-f]{40}@mail\.example\.org>$/);
    expect(stableMessageId('job:3', from)).toBe(id);
    expect(stableMessageId('job:4', from)).not.toBe(id);
    expect(stableMessageId('job:3', 'bare@example.com')).toMatch(/@example\.com>$/);
  });

  it('without a key every call sends', async () => {
    const transport = new RecordingTransport();
    const sender = new MailSender(transport, sentRepo() as unknown as Repository<SentMail>);
    await sender.send(mail);
    await sender.send(mail);
    expect(transport.sent).toHaveLength(2);
  });
});
