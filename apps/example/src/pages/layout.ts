// The page frame: header with navigation, the visitor's identity, and the shared stylesheet.
import type { SafeHtml } from '../html.js';
import { html, raw } from '../html.js';

/** What every page shows in its header. */
export interface Frame {
  title: string;
  active: 'shop' | 'debug' | 'events' | 'results';
  /** Whether a flag server is configured (the results link is shown). */
  serverConfigured: boolean;
  deviceId: string;
  userId: string | null;
}

const STYLE = `
:root { --ink:#1d2433; --muted:#5b6475; --line:#e3e6ee; --bg:#f6f7fb; --card:#fff; --accent:#2f5bea; --accent-ink:#fff; --bold:#e8590c; --ok:#2b8a3e; --warn:#c92a2a; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
header.top { display:flex; align-items:center; gap:24px; padding:12px 32px; background:var(--card); border-bottom:1px solid var(--line); }
header.top .brand { font-weight:700; font-size:18px; letter-spacing:.2px; }
header.top .brand span { color:var(--accent); }
nav a { color:var(--muted); text-decoration:none; margin-right:16px; padding:4px 0; }
nav a.active { color:var(--ink); border-bottom:2px solid var(--accent); }
header.top .who { margin-left:auto; font-size:13px; color:var(--muted); text-align:right; }
main { max-width:1040px; margin:24px auto; padding:0 24px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:20px 24px; margin-bottom:20px; }
.hero { border-radius:16px; padding:40px 40px; margin-bottom:24px; color:#fff; }
.hero h1 { margin:0 0 8px; font-size:34px; line-height:1.15; }
.hero p { margin:0; font-size:18px; opacity:.92; }
.hero.calm { background:linear-gradient(120deg,#2f5bea,#5f8cff); }
.hero.bold { background:linear-gradient(120deg,#e8590c,#f59f00); }
.hero .tag { display:inline-block; font-size:12px; text-transform:uppercase; letter-spacing:1px; background:rgba(255,255,255,.2); border-radius:99px; padding:2px 10px; margin-bottom:12px; }
.grid2 { display:grid; grid-template-columns: 1.3fr 1fr; gap:20px; }
.product { display:flex; gap:20px; align-items:center; }
.product .art { width:120px; height:120px; border-radius:12px; background:radial-gradient(circle at 30% 30%,#fff,#dfe6ff 60%,#b9c8ff); display:flex; align-items:center; justify-content:center; font-size:56px; }
.price { font-size:32px; font-weight:700; }
.muted { color:var(--muted); }
.small { font-size:13px; }
button, .button { font:inherit; border:0; border-radius:8px; padding:10px 18px; background:var(--accent); color:var(--accent-ink); cursor:pointer; }
button[disabled] { background:#aab2c5; cursor:not-allowed; }
button.secondary { background:#eef1f8; color:var(--ink); }
input, select { font:inherit; padding:8px 10px; border:1px solid var(--line); border-radius:8px; }
form.inline { display:flex; gap:8px; align-items:center; margin:8px 0; }
.notice { border-radius:10px; padding:12px 16px; margin-bottom:20px; }
.notice.ok { background:#ebfbee; color:var(--ok); border:1px solid #b2f2bb; }
.notice.warn { background:#fff5f5; color:var(--warn); border:1px solid #ffc9c9; }
.kv { display:inline-block; min-width:64px; font-size:12px; font-weight:600; text-transform:uppercase; letter-spacing:.6px; color:var(--muted); }
.pill { display:inline-block; font-size:12px; border-radius:99px; padding:1px 9px; background:#eef1f8; color:var(--muted); margin-right:6px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; vertical-align:top; padding:8px 10px; border-bottom:1px solid var(--line); }
th { color:var(--muted); font-weight:600; font-size:12px; text-transform:uppercase; letter-spacing:.5px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12.5px; }
pre { background:#f3f5fa; border-radius:8px; padding:10px; margin:4px 0; white-space:pre-wrap; word-break:break-word; }
ol.steps { margin:0; padding-left:18px; }
svg .grid { stroke:#e3e6ee; } svg .tick, svg .sub { fill:#5b6475; font-size:12px; } svg .label { fill:#1d2433; font-size:15px; font-weight:600; }
svg .axis-title { fill:#5b6475; font-size:13px; } svg .value { fill:#1d2433; font-size:13px; font-weight:600; }
svg .whisker { stroke:#1d2433; stroke-width:2; } svg .bar-0 { fill:#5f8cff; } svg .bar-1 { fill:#f59f00; } svg .bar-2 { fill:#40c057; } svg .bar-3 { fill:#be4bdb; }
`;

/**
 * Wraps a page body in the document frame.
 *
 * @example
 * layout({ title: 'Shop', active: 'shop', serverConfigured: false, deviceId, userId: null }, body).html;
 */
export function layout(frame: Frame, body: SafeHtml): SafeHtml {
  const link = (href: string, key: Frame['active'], label: string) => html`<a href="${href}" class="${frame.active === key ? 'active' : ''}">${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Ensign example shop</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="top">
  <div class="brand">Ensign <span>shop</span></div>
  <nav>${link('/', 'shop', 'Shop')}${link('/debug', 'debug', 'Debug')}${link('/events', 'events', 'Events')}${frame.serverConfigured ? link('/results', 'results', 'Results') : ''}</nav>
  <div class="who">device <code data-testid="device-id">${frame.deviceId}</code><br>${frame.userId === null ? 'not signed in' : html`signed in as <strong data-testid="user-id">${frame.userId}</strong>`}</div>
</header>
<main>
${body}
</main>
</body>
</html>`;
}
