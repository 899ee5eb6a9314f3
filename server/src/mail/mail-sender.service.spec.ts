import type { Repository } from 'typeorm';
import { MailSender } from './mail-sender.service';
import { MailTransport, type RenderedMail } from './mail-transport';
import type { SentMail } from './sent-mail.entity';

class RecordingTransport extends MailTransport {
  readonly name = 'recording';
  sent: RenderedMail[] = [];
  failNext = false;
  async deliver(mail: RenderedMail): Promise<void> {
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

  it('without a key every call sends', async () => {
    const transport = new RecordingTransport();
    const sender = new MailSender(transport, sentRepo() as unknown as Repository<SentMail>);
    await sender.send(mail);
    await sender.send(mail);
    expect(transport.sent).toHaveLength(2);
  });
});
