export * from './canonical-json';
export * from './report-envelope';
export * from './request-signing';
export * from './sync-errors';
