/** The one source of "now" in the core: injected so tests and the demo can set the time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** A clock that stands still until moved: for tests. */
export function fixedClock(start: Date): Clock & { set(d: Date): void; advanceMs(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d: Date) => {
      current = new Date(d);
    },
    advanceMs: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
