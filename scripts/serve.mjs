// Static server for a built dist/ (the README run command and the browser tests use it; trunk
// serve cannot send precompressed files or cache headers). Node built-ins only.
//   node scripts/serve.mjs [DIR=dist] [--port 8080] [--host 127.0.0.1] [--frame-ancestors "ORIGIN …"] [--endpoint URL]
// - Every answer carries the security headers of scripts/headers.mjs: a Content-Security-Policy
//   that admits index.html's own inline scripts by hash and wasm, frame-ancestors (the page's
//   origin and the embedding hosts of the signed policies, or --frame-ancestors),
//   Permissions-Policy camera=(self), Referrer-Policy no-referrer, nosniff.
// - Precompressed `F.br` / `F.gz` (written by the build) go to clients that accept them, with
//   Content-Encoding and Vary: Accept-Encoding (unless older than F: then F is sent).
// - Hashed build files (name-<8–16 hex>.ext) are immutable for a year; everything else
//   (index.html, sw.js, the decoder, the endpoint files) is `no-cache` with an ETag and
//   Last-Modified, so an unchanged file costs a 304 and no body bytes.
// - Endpoint files carry `Access-Control-Allow-Origin: *` (they are public, signed data).
// - An unknown path is a 404, never index.html (so /robots.txt is the real file).
// - Ranges (one `bytes=N-` or `bytes=N-M`), so a cut-off download resumes: a Range request is
//   served unencoded (206 + Content-Range; `Accept-Ranges: bytes` on unencoded answers), a
//   stale `If-Range` (ETag or date) gets the whole file, an unsatisfiable range a 416.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { headersFor, options } from './headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};
// Trunk writes its 64-bit file hash in hex without leading zeros: 15 digits one build in 16.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

/// Which stored variant to send: [suffix, Content-Encoding] in order of preference.
function variants(acceptEncoding = '') {
  const accepts = (name) => acceptEncoding.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return coding.trim().toLowerCase() === name && (!q || Number(q.slice(2)) > 0);
  });
  const out = [];
  if (accepts('br')) out.push(['.br', 'br']);
  if (accepts('gzip')) out.push(['.gz', 'gzip']);
  out.push(['', null]);
  return out;
}

// ETags by (path, mtime, size): hashing a file once per change.
const etags = new Map();
async function etagOf(file, info, data) {
  const key = `${file}:${info.mtimeMs}:${info.size}`;
  if (!etags.has(key)) etags.set(key, '"' + createHash('sha256').update(data).digest('base64url').slice(0, 22) + '"');
  return etags.get(key);
}

/// The request handler for `root`; `onDone({method, url, status, sent, encoding}, req)` sees each response.
/// `security`: options of scripts/headers.mjs (`frameAncestors`, `endpoint`).
/// It never throws: a request it cannot read is a 400, and any other failure a 500 for that
/// request alone (`new URL('//', base)` used to throw in here, unawaited, and stop the server).
export function handler(root, onDone = () => {}, security = {}) {
  const serve = serveFile(resolve(root), onDone, headersFor(resolve(root), security));
  return async (req, res) => {
    try {
      await serve(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 500 : 400, { 'content-type': 'text/plain' });
      if (!res.writableEnded) res.end();
      onDone({ method: req.method, url: req.url, status: res.statusCode, sent: 0, encoding: null }, req);
    }
  };
}

function serveFile(base, onDone, security) {
  return async (req, res) => {
    let url = null;
    try { url = new URL(req.url, 'http://x'); } catch { /* e.g. "//": not a path this server has */ }
    let path = null;
    try { if (url && req.url.startsWith('/') && !req.url.startsWith('//')) path = decodeURIComponent(url.pathname); } catch { /* bad escape */ }
    // Not an origin-form path ("//", "*", an absolute URL), a bad %-escape or a NUL: malformed.
    if (path === null || path.includes('\0')) {
      res.writeHead(400, { 'content-type': 'text/plain', ...security() });
      res.end(req.method === 'HEAD' ? undefined : 'bad request');
      return onDone({ method: req.method, url: req.url, status: 400, sent: 0, encoding: null }, req);
    }
    const rel = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
    const file = resolve(base, rel);
    const finish = (status, headers, body) => {
      res.writeHead(status, { ...security(), ...headers });
      const sent = body && req.method !== 'HEAD' ? body.length : 0;
      res.end(req.method === 'HEAD' ? undefined : body);
      onDone({ method: req.method, url: req.url, status, sent, encoding: headers['content-encoding'] || null }, req);
    };
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(base + sep)) {
      return finish(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    }
    let original = null;
    try { original = await stat(file); } catch { /* only a precompressed copy, or nothing */ }
    // A range is of the unencoded file (a resumed download counts decoded bytes).
    const ranged = req.method === 'GET' && typeof req.headers.range === 'string';
    for (const [suffix, encoding] of ranged ? [['', null]] : variants(req.headers['accept-encoding'])) {
      let info, data;
      try {
        info = await stat(file + suffix);
        if (!info.isFile()) continue;
        // A copy older than its file is stale (the file was replaced after the build).
        if (suffix && original && info.mtimeMs < original.mtimeMs) continue;
        data = await readFile(file + suffix);
      } catch { continue; }
      const etag = await etagOf(file + suffix, info, data);
      const headers = {
        'content-type': TYPES[extname(rel)] || 'application/octet-stream',
        'cache-control': HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        'last-modified': info.mtime.toUTCString(),
        vary: 'Accept-Encoding',
      };
      if (encoding) headers['content-encoding'] = encoding;
      else headers['accept-ranges'] = 'bytes';
      if (rel.startsWith('endpoint/')) headers['access-control-allow-origin'] = '*';
      const inm = req.headers['if-none-match'];
      const ims = Date.parse(req.headers['if-modified-since'] || '');
      const fresh = inm ? inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
        : !Number.isNaN(ims) && Math.floor(info.mtimeMs / 1000) * 1000 <= ims;
      if (fresh) {
        delete headers['content-type'];
        return finish(304, headers, null);
      }
      const part = ranged ? range(req.headers.range, req.headers['if-range'], etag, info, data.length) : null;
      if (part === 'unsatisfiable') {
        return finish(416, { 'content-range': `bytes */${data.length}`, 'content-type': 'text/plain' }, Buffer.from(''));
      }
      if (part) {
        const [start, end] = part;
        headers['content-range'] = `bytes ${start}-${end}/${data.length}`;
        headers['content-length'] = String(end - start + 1);
        return finish(206, headers, data.subarray(start, end + 1));
      }
      headers['content-length'] = String(data.length);
      return finish(200, headers, data);
    }
    return finish(404, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('not found'));
  };
}

/// The [start, end] (inclusive) of a single `bytes=` range of a `size`-byte file, 'unsatisfiable',
/// or null: no range, several, a malformed one, or a stale If-Range (the whole file is sent).
function range(header, ifRange, etag, info, size) {
  if (ifRange && ifRange !== etag && Date.parse(ifRange) !== Math.floor(info.mtimeMs / 1000) * 1000) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start, end;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}

/// Serves `root` on host:port (0: any free port). Resolves to {url, server, close()}.
export function serveDir(root, { port = 0, host = '127.0.0.1', onDone, onRequest, security } = {}) {
  const handle = handler(root, onDone, security);
  const server = createServer((req, res) => { if (onRequest) onRequest(req); handle(req, res); });
  // A request line or headers Node cannot parse: 400 and close, never an exception.
  server.on('clientError', (err, socket) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); else socket.destroy(); });
  return new Promise((ok) => server.listen(port, host, () => {
    const { port: p } = server.address();
    ok({ url: `http://${host}:${p}/`, server, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : dflt; };
  const port = Number(opt('--port', process.env.PORT || 8080));
  const host = opt('--host', '127.0.0.1');
  const security = options(args);
  const root = args[0] || 'dist';
  const { url } = await serveDir(root, { port, host, security });
  console.log(`serving ${join(root)} on ${url}`);
}
