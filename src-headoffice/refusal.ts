import type { RefusalReason } from '../src-shared/sync/sync-errors';

/** A request head office turns away, with the 4xx status and reason the sender gets back as JSON. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: RefusalReason | string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(`${status} ${error}: ${reason}`);
    this.name = 'Refusal';
  }

  toBody(): { error: string; reason: string; issues?: { path: string; message: string }[] } {
    return this.issues ? { error: this.error, reason: this.reason, issues: this.issues } : { error: this.error, reason: this.reason };
  }
}
