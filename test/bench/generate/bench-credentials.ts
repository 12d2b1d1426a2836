/**
 * Every generated user's password. Its own module without imports, so the Playwright run on the
 * generated branch (test/e2e-large) can sign in without loading the generator.
 */
export const BENCH_PASSWORD = 'bench-password-1';
