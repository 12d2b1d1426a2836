import type { FastifyServerOptions } from 'fastify';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock';
import { migrateHeadOffice } from './db/migrate';
import { openHeadOfficeDb, type HeadOfficeStore, type OpenedHeadOfficeDb } from './db/open';
import { createHeadOfficeServer, type HeadOfficeTimeouts } from './server';

export interface HeadOfficeApp {
  store: OpenedHeadOfficeDb;
  server: FastifyInstance;
  close(): Promise<void>;
}

/** Open and migrate the store, then build the server on it (not yet listening). */
export async function openHeadOffice(options: { store: HeadOfficeStore; clock?: Clock; logger?: FastifyServerOptions['logger']; trustProxy?: boolean; timeouts?: Partial<HeadOfficeTimeouts> }): Promise<HeadOfficeApp> {
  const store = openHeadOfficeDb(options.store);
  try {
    await migrateHeadOffice(store.db, { schema: store.schema });
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = await createHeadOfficeServer({
    db: store.db,
    direct: store.direct,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  return {
    store,
    server,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
