/**
 * The Content-Security-Policy of the renderer, the same in the Electron window and in browser mode:
 * only the app's own scripts, no remote content, no framing. antd writes its styles at run time, so
 * inline styles are allowed; inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for a `<meta>` tag in index.html: pages loaded from file:// in Electron get no HTTP
 * header, so the tag is what protects them. frame-ancestors is not allowed in a meta tag.
 */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** A Vite plugin writing that meta tag into the built index.html, so the policy has one source. */
export function cspMetaPlugin() {
  return {
    name: 'aftercare-csp-meta',
    transformIndexHtml: (html: string) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`),
  };
}
