import { computed, DestroyRef, inject, signal } from '@angular/core';

/** A seconds-left signal for "resend in N s" buttons; call inside an injection context. */
export function createCountdown() {
  const secondsLeft = signal(0);
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  inject(DestroyRef).onDestroy(stop);

  return {
    secondsLeft: secondsLeft.asReadonly(),
    running: computed(() => secondsLeft() > 0),
    start(seconds: number): void {
      stop();
      secondsLeft.set(seconds);
      timer = setInterval(() => {
        secondsLeft.update((s) => Math.max(0, s - 1));
        if (secondsLeft() === 0) stop();
      }, 1000);
    },
    stop(): void {
      stop();
      secondsLeft.set(0);
    },
  };
}

export type Countdown = ReturnType<typeof createCountdown>;
