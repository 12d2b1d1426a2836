import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { isAdminToken } from '../admin/tokens';
import type { Clock } from '../clock';
import type { HeadOfficeDB } from '../db/schema';
import { ADMIN_COOKIE, adminTokenOf } from '../read/admin-auth';
import { lastWeekInChina, parseReadFilter } from '../read/filters';
import { dayCounts, hoursByCategory, listReports } from '../read/queries';
import { dashboardPage, loginPage } from './page';
import { PAGE_CSP } from './html';

/** The plain HTML page: `/` (sign-in form, or the dashboard), `POST /login`, `POST /logout`. */
export async function registerWebRoutes(app: FastifyInstance, deps: { db: Kysely<HeadOfficeDB>; clock: Clock }): Promise<void> {
  const { db, clock } = deps;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', PAGE_CSP);
    return payload;
  });

  app.get('/', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    if (!(await isAdminToken(db, adminTokenOf(request)))) return reply.send(loginPage(false));
    // An empty field in the filter form means "no filter", not an invalid value.
    const query = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, string>).filter(([, v]) => v !== ''));
    const filter = parseReadFilter(query, lastWeekInChina(clock.now()));
    const [reports, hours, days] = await Promise.all([listReports(db, filter), hoursByCategory(db, filter), dayCounts(db, filter)]);
    return reply.send(dashboardPage({ filter, reports, hours, days }));
  });

  // Token guessing is slowed per address; a real token is 256 random bits anyway.
  app.post<{ Body: { token?: string } }>('/login', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = typeof request.body?.token === 'string' ? request.body.token.trim() : '';
    if (!(await isAdminToken(db, token))) return reply.code(401).type('text/html; charset=utf-8').send(loginPage(true));
    reply.setCookie(ADMIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' });
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (_request, reply) => {
    reply.clearCookie(ADMIN_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
}
