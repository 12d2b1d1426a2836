/**
 * One app start in a fresh process, for the benchmark: open the branch (lock, migration check, the quick
 * check or its start in the background), then the clerk's first screen (the newest page of the call-log
 * book). Prints its marks as one JSON line: milliseconds since this process started. Then, on a second
 * line, when the quick check's verdict came (a large file is checked while the first screen is served;
 * writes wait for it) and what it was. Run from a bundle, as the packaged app runs.
 *
 *   node app-start-child.mjs DATA_DIR NOW_ISO
 */
import { openBranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';

const loaded = performance.now();
const [dataDir, nowIso] = process.argv.slice(2) as [string, string];
const clock = fixedClock(new Date(nowIso));
const app = await openBranchApp({ dataDir, clock });
const opened = performance.now();
// Signing in is the user typing a password, not start-up: the session is made directly.
const clerk = app.sqlite.prepare("SELECT id, username, role FROM users WHERE username = 'clerk1'").get() as { id: number; username: string; role: 'clerk' };
const session = app.sessions.create(clerk, clock.now().getTime());
const first = await app.dispatch({ method: 'calls.list', input: { filter: 'all', limit: 500 }, token: session.token });
const ready = performance.now();
process.stdout.write(`${JSON.stringify({ loaded, opened, ready, ok: first.result.ok, peakRssKb: process.resourceUsage().maxRSS })}\n`);
const verdict = await app.integrity;
const checked = performance.now();
process.stdout.write(`${JSON.stringify({ checked, verdict: verdict.state, inBackground: verdict.state === 'passed' && verdict.checkedInBackground })}\n`);
await app.close();
