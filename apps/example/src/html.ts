// Tiny HTML helpers: every interpolated value is escaped unless it is already a `SafeHtml` fragment.

/** A fragment of HTML that is already safe to insert. */
export interface SafeHtml {
  readonly html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A tagged template that escapes every value except `SafeHtml` fragments; arrays are joined.
 *
 * @example
 * html`<p title="${title}">${body}</p>`.html;
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return { html: out };
}

/**
 * Marks trusted markup (built by this app, never from input) as safe.
 *
 * @example
 * raw('<svg>…</svg>');
 */
export function raw(markup: string): SafeHtml {
  return { html: markup };
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in value && typeof (value as SafeHtml).html === 'string') return (value as SafeHtml).html;
  return escapeHtml(String(value));
}
