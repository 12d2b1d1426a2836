// Head office in a process of its own, so the parent can measure its memory alone and see it stay up.
// Prints `READY <baseUrl> <branch secret>` once listening; runs until killed.
import path from 'node:path';
import { addBranch } from '../../../src-headoffice/admin/branches';
import { openHeadOffice } from '../../../src-headoffice/app';
import { systemClock } from '../../../src-headoffice/clock';
import type { HeadOfficeTimeouts } from '../../../src-headoffice/server';

const [dataDir, timeoutsJson] = process.argv.slice(2);
const timeouts = JSON.parse(timeoutsJson ?? '{}') as Partial<HeadOfficeTimeouts>;
const app = await openHeadOffice({ store: { kind: 'sqlite', file: path.join(dataDir!, 'headoffice.sqlite') }, clock: systemClock, timeouts });
const secret = await addBranch(app.store.db, systemClock, 'SH02', '上海徐汇服务站');
const baseUrl = await app.server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`READY ${baseUrl} ${secret}\n`);
