import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isAdminToken } from '../admin/tokens';
import type { HeadOfficeDB } from '../db/schema';

export const ADMIN_COOKIE = 'aftercare_ho_admin';

/** The admin token of a request: `Authorization: Bearer <token>` (scripts) or the page's cookie. */
export function adminTokenOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return request.cookies[ADMIN_COOKIE];
}

/** A preHandler for the read side: 401 JSON without a valid admin token. */
export function requireAdmin(db: Kysely<HeadOfficeDB>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!(await isAdminToken(db, adminTokenOf(request)))) {
      await reply.code(401).send({ error: 'unauthorized', reason: 'admin_token_required' });
    }
  };
}
