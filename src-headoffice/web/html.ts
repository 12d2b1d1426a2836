/** Escape text for HTML element content and double-quoted attributes. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** No scripts at all: the page is forms, links and tables, so the policy can forbid every script. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.8rem}
table{border-collapse:collapse;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
td.n{text-align:right}form.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end}
label{display:flex;flex-direction:column;font-size:.85rem}.muted{color:#666;font-size:.85rem}`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** Markup built here from trusted parts; every other cell is text and is escaped. */
export interface Html {
  readonly html: string;
}

/** A link whose href and text are escaped. */
export function link(href: string, text: string): Html {
  return { html: `<a href="${esc(href)}">${esc(text)}</a>` };
}

type Cell = string | number | null | Html;

function cellHtml(c: Cell): string {
  return c !== null && typeof c === 'object' ? c.html : esc(c);
}

export function table(headers: readonly string[], rows: readonly (readonly Cell[])[], numericFrom = Infinity): string {
  if (rows.length === 0) return '<p class="muted">无记录 Nothing in this range.</p>';
  const head = `<tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="n"' : ''}>${cellHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}${body}</table>`;
}
