import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateBranchSecret } from '../../../src-headoffice/admin/branches';
import { BACKENDS, BRANCH, movableClock, push, startHeadOffice, technicianEnvelope, type RunningHeadOffice } from './harness';

/** Every request reads its branch's secret afresh (ingest/branch-secrets.ts): a rotation is felt by the very next one. */
describe.each(BACKENDS)('branch secret rotation on $name', (backend) => {
  let ho: RunningHeadOffice;
  let drop: () => Promise<void>;
  const clock = movableClock(new Date('2026-03-02T11:00:00.000Z'));

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    ho = await startHeadOffice(created.store, clock);
  });
  afterAll(async () => {
    await ho?.stop();
    await drop?.();
  });

  it('refuses the old secret and accepts the new one from the next request on, even among many at once', async () => {
    const send = (secret: string, tech: string) => push(ho.baseUrl, technicianEnvelope({ tech }), { secret, now: clock.now() });
    expect((await send(ho.secret, 'R0')).status).toBe(200);
    const rotated = await rotateBranchSecret(ho.app.store.db, clock, BRANCH);

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 === 0 ? ho.secret : rotated, `R${i + 1}`)));
    expect(answers.map((a) => (a.status === 200 ? 'ok' : String(a.json.reason)))).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'bad_signature' : 'ok')));
  });
});
