import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { RESEND_COOLDOWN_SECONDS } from '@world-it/contracts';

import type { UiMessage } from '../../core/i18n/ui-message';
import { showCodeError, showCodeResent, showResendError } from './code-error';
import type { Countdown } from './countdown';

function httpError(status: number, body: Record<string, unknown> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { statusCode: status, message: 'x', ...body } });
}

function makeStep() {
  const starts: number[] = [];
  const countdown = { start: (s: number) => starts.push(s) } as unknown as Countdown;
  return {
    step: {
      error: signal<UiMessage | null>(null),
      info: signal<UiMessage | null>(null),
      code: signal('123456'),
      codeWrong: signal(true),
      codeDead: signal(true),
      countdown,
    },
    starts,
  };
}

describe('code step helpers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('a wrong code shows the attempts left, empties the boxes and refocuses after the view updates', () => {
    const { step } = makeStep();
    const refocus = jest.fn();
    showCodeError(step, httpError(400, { attemptsLeft: 2 }), refocus);
    expect(step.error()).toEqual({ key: 'confirm.wrongCode', params: { n: 2 } });
    expect(step.codeWrong()).toBe(true);
    expect(step.codeDead()).toBe(false);
    expect(step.code()).toBe('');
    expect(refocus).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(refocus).toHaveBeenCalledTimes(1);
  });

  it('an expired code is marked dead; another failure keeps the typed code and the focus', () => {
    const { step } = makeStep();
    showCodeError(step, httpError(410), jest.fn());
    expect(step.codeDead()).toBe(true);

    const other = makeStep().step;
    const refocus = jest.fn();
    showCodeError(other, httpError(500), refocus);
    expect(other.codeWrong()).toBe(false);
    expect(other.code()).toBe('123456');
    jest.runAllTimers();
    expect(refocus).not.toHaveBeenCalled();
  });

  it('a resent code clears the boxes and flags, says so and starts the cooldown', () => {
    const { step, starts } = makeStep();
    showCodeResent(step);
    expect([step.code(), step.codeWrong(), step.codeDead()]).toEqual(['', false, false]);
    expect(step.info()).toEqual({ key: 'confirm.resent' });
    expect(starts).toEqual([RESEND_COOLDOWN_SECONDS]);
  });

  it('a resend refused with 429 restarts the cooldown; any other failure does not', () => {
    const { step, starts } = makeStep();
    showResendError(step, httpError(429));
    expect(step.error()).toEqual({ key: 'confirm.tooSoon' });
    expect(starts).toEqual([RESEND_COOLDOWN_SECONDS]);

    const other = makeStep();
    showResendError(other.step, httpError(500));
    expect(other.step.error()).not.toEqual({ key: 'confirm.tooSoon' });
    expect(other.starts).toEqual([]);
  });
});
