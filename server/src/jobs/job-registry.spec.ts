import { JobName, type CodeMailPayload } from '@world-it/contracts';
import type { JobContext } from './job-queue';
import { JobRegistry } from './job-registry';

describe('JobRegistry (job name → handler)', () => {
  const payload: CodeMailPayload = {
    to: 'a@example.test',
    language: 'en',
    displayName: 'A',
    code: '123456',
    expiresAt: new Date(0).toISOString(),
  };
  const ctx: JobContext = { jobId: 'job-1', attempt: 1 };
  const noop = async (): Promise<void> => undefined;

  it('refuses to boot a consuming process while a job name has no handler, naming the missing ones', () => {
    const registry = new JobRegistry();
    registry.register(JobName.RegistrationCode, noop);
    registry.register(JobName.PasswordResetCode, noop);
    expect(() => registry.assertComplete()).toThrow(
      `No handler registered for job(s): email-change-code, account-deletion-code, data-export, data-export-mail, unread-digest, housekeeping-sessions`,
    );
    registry.register(JobName.EmailChangeCode, noop);
    registry.register(JobName.AccountDeletionCode, noop);
    registry.register(JobName.DataExport, noop);
    registry.register(JobName.DataExportMail, noop);
    registry.register(JobName.UnreadDigest, noop);
    expect(() => registry.assertComplete()).toThrow(
      'No handler registered for job(s): housekeeping-sessions, housekeeping-codes, housekeeping-mail, housekeeping-uploads, housekeeping-exports',
    );
    registry.register(JobName.HousekeepingSessions, noop);
    registry.register(JobName.HousekeepingCodes, noop);
    registry.register(JobName.HousekeepingMail, noop);
    registry.register(JobName.HousekeepingUploads, noop);
    registry.register(JobName.HousekeepingExports, noop);
    expect(() => registry.assertComplete()).not.toThrow();
  });

  it('refuses a second handler for the same job', () => {
    const registry = new JobRegistry();
    registry.register(JobName.UnreadDigest, noop);
    expect(() => registry.register(JobName.UnreadDigest, noop)).toThrow('Job "unread-digest" already has a handler');
  });

  it('dispatches a job to its handler with the payload and context, and rejects an unknown name', async () => {
    const registry = new JobRegistry();
    const seen: Array<[CodeMailPayload, JobContext]> = [];
    registry.register(JobName.PasswordResetCode, async (data, c) => {
      seen.push([data, c]);
    });
    await registry.dispatch(JobName.PasswordResetCode, payload, ctx);
    expect(seen).toEqual([[payload, ctx]]);
    await expect(registry.dispatch('no-such-job', {}, ctx)).rejects.toThrow('No handler for job "no-such-job"');
  });

  it('lets a failing handler fail the dispatch (the transport retries it)', async () => {
    const registry = new JobRegistry();
    registry.register(JobName.UnreadDigest, async () => {
      throw new Error('SMTP down');
    });
    await expect(registry.dispatch(JobName.UnreadDigest, { userId: 'u' }, ctx)).rejects.toThrow('SMTP down');
  });
});
