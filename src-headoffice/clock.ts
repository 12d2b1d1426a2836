/** Head office's one source of "now": injected so tests can run a whole day in a second. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });
