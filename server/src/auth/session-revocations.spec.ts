import { Logger } from '@nestjs/common';
import { SessionRevocations } from './session-revocations';

describe('SessionRevocations', () => {
  it('tells every listener which sessions ended, until it stops listening', () => {
    const revocations = new SessionRevocations();
    const heard: string[][] = [];
    const stop = revocations.listen((ids) => heard.push(ids));
    revocations.revoked(['s1', 's2']);
    revocations.revoked([]);
    stop();
    revocations.revoked(['s3']);
    expect(heard).toEqual([['s1', 's2']]);
  });

  it('a failing listener neither reaches the revoker nor stops the others', () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const revocations = new SessionRevocations();
    const heard: string[][] = [];
    revocations.listen(() => {
      throw new Error('boom');
    });
    revocations.listen((ids) => heard.push(ids));
    expect(() => revocations.revoked(['s1'])).not.toThrow();
    expect(heard).toEqual([['s1']]);
  });
});
