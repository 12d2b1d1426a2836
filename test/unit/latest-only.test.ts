import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../src-renderer/store/latest-only';

/** A request the test answers by hand, in any order. */
function manualServer() {
  const pending: { query: string; answer: () => void }[] = [];
  return {
    pending,
    ask: (query: string) => new Promise<void>((resolve) => pending.push({ query, answer: resolve })),
    async answerNext() {
      pending.shift()!.answer();
      // Let the awaiting code run to its next request.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('latestOnly: search as you type, one request out at a time', () => {
  it('sends the newest text once the request that is out returns, and shows only its answer', async () => {
    const server = manualServer();
    let text = '';
    const shown: string[] = [];
    const search = latestOnly(async (outdated) => {
      const query = text;
      await server.ask(query);
      if (!outdated()) shown.push(query);
    });

    text = '1';
    const first = search();
    text = '13';
    const second = search();
    text = '138';
    const third = search();
    // Three keystrokes, one request so far.
    expect(server.pending.map((p) => p.query)).toEqual(['1']);

    await server.answerNext();
    // '1' is outdated and not shown; the newest text goes out next, '13' never does.
    expect(shown).toEqual([]);
    expect(server.pending.map((p) => p.query)).toEqual(['138']);

    await server.answerNext();
    await Promise.all([first, second, third]);
    expect(shown).toEqual(['138']);
  });

  it('sends at once when nothing is out, and again after an answer', async () => {
    const server = manualServer();
    const asked: number[] = [];
    let n = 0;
    const load = latestOnly(async () => {
      asked.push(++n);
      await server.ask(String(n));
    });
    const a = load();
    await server.answerNext();
    await a;
    const b = load();
    expect(server.pending.map((p) => p.query)).toEqual(['2']);
    await server.answerNext();
    await b;
    expect(asked).toEqual([1, 2]);
  });
});
