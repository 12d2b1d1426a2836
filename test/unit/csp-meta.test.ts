import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, cspMetaPlugin } from '../../src-main/transports/http/security-headers';

describe('the Content-Security-Policy meta tag of index.html', () => {
  it('carries the header policy, less the directive a meta tag may not hold', () => {
    expect(CONTENT_SECURITY_POLICY_META).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(CONTENT_SECURITY_POLICY_META).toContain("script-src 'self'");
  });

  it('is written into the page the renderer ships', () => {
    const html = readFileSync('src-renderer/index.html', 'utf8');
    const built = cspMetaPlugin().transformIndexHtml(html);
    expect(built).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`);
  });
});
