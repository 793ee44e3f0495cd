// The security headers a built dist/ must be served with (scripts/serve.mjs sends them; a deploy
// copies what this prints: docs/deploy.md). Node built-ins only.
//   node scripts/headers.mjs [DIR=dist] [--frame-ancestors "https://a.example https://b.example"]
//        [--endpoint https://trust.example/yima/] [--nginx]
// - Content-Security-Policy: scripts only from the page's origin plus the exact inline scripts of
//   DIR/index.html by their SHA-256 (the crash watch, the decoder start, trunk's loader), wasm
//   compilation allowed ('wasm-unsafe-eval') and nothing else evaluated; inline <style> likewise
//   by hash; requests to the origin and the endpoint; no plugins, no <base>, no forms.
// - frame-ancestors: the page's origin and the embedding hosts, by default the `embed_origins`
//   of DIR/endpoint/policies.json (the root-signed list the app posts its verdict to; this
//   server published that file, so it reads it without verifying), else --frame-ancestors or
//   $YIMA_FRAME_ANCESTORS.
// - Permissions-Policy: the camera for this origin only (an embedding host also needs
//   `allow="camera"` on its iframe); microphone, location, payment and USB for nobody.
// - X-Content-Type-Options: nosniff; Referrer-Policy: no-referrer.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/// The SHA-256 sources of the inline scripts and styles of an HTML page.
export function inlineHashes(html) {
  const scripts = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)].filter(([, attrs = '']) => !/\ssrc\s*=/i.test(attrs)).map((m) => sha(m[2]));
  const styles = [...html.matchAll(/<style(\s[^>]*)?>([\s\S]*?)<\/style>/gi)].map((m) => sha(m[2]));
  return { scripts, styles };
}

/// The `embed_origins` of a root-signed policies.json (its payload, not verified), or [].
export function embedOrigins(signedText) {
  try {
    const content = JSON.parse(Buffer.from(JSON.parse(signedText).payload, 'base64').toString('utf8'));
    return (content.embed_origins || []).filter((o) => typeof o === 'string' && /^https?:\/\/[^\s/'";,]+$/.test(o.replace(/\/$/, ''))).map((o) => o.replace(/\/$/, ''));
  } catch {
    return [];
  }
}

/// The headers for `html` (index.html's text). `frameAncestors`: host origins allowed to embed
/// the page besides its own; `endpoint`: the trust endpoint's URL when on another origin.
export function securityHeaders(html, { frameAncestors = [], endpoint = null } = {}) {
  const { scripts, styles } = inlineHashes(html);
  let endpointOrigin = null;
  try { if (endpoint && /^https?:/.test(endpoint)) endpointOrigin = new URL(endpoint).origin; } catch { /* a relative endpoint is same-origin */ }
  const csp = [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scripts].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    "img-src 'self' blob: data:",
    ["connect-src 'self'", endpointOrigin].filter(Boolean).join(' '),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ["frame-ancestors 'self'", ...frameAncestors].join(' '),
  ].join('; ');
  return {
    'content-security-policy': csp,
    'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

/// securityHeaders for the build in `root`, read again only when index.html or policies.json
/// change. `frameAncestors` given: those; else the signed policies' embed_origins.
export function headersFor(root, { frameAncestors = null, endpoint = null } = {}) {
  let key = null, value = null;
  const mtime = (f) => { try { return statSync(join(root, f)).mtimeMs; } catch { return 0; } };
  const read = (f) => { try { return readFileSync(join(root, f), 'utf8'); } catch { return ''; } };
  return () => {
    const k = `${mtime('index.html')}:${mtime('endpoint/policies.json')}`;
    if (k !== key) {
      const hosts = frameAncestors ?? embedOrigins(read('endpoint/policies.json'));
      value = securityHeaders(read('index.html'), { frameAncestors: hosts, endpoint });
      key = k;
    }
    return value;
  };
}

/// Options from the command line and the environment (serve.mjs shares them).
export function options(args) {
  const opt = (name, env) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : process.env[env]; };
  const fa = opt('--frame-ancestors', 'YIMA_FRAME_ANCESTORS');
  return { frameAncestors: fa === undefined ? null : fa.split(/[\s,]+/).filter(Boolean), endpoint: opt('--endpoint', 'YIMA_ENDPOINT') || null };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const args = process.argv.slice(2);
  const nginx = args.includes('--nginx');
  const o = options(args.filter((a) => a !== '--nginx'));
  const rest = args.filter((a, i) => a !== '--nginx' && !/^--/.test(a) && !/^--/.test(args[i - 1] || ''));
  const headers = headersFor(rest[0] || 'dist', o)();
  for (const [k, v] of Object.entries(headers)) console.log(nginx ? `add_header ${k} "${v}" always;` : `${k}: ${v}`);
}
