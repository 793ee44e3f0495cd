// The run command's static server (scripts/serve.mjs: precompressed files, cache headers,
// ETag → 304) on 127.0.0.1, recording every request (method, URL, request body length,
// status, response body bytes sent, encoding, arrival and finish times) so tests can check that nothing personal leaves
// the page and what an unchanged file costs. `hold(url)` (optional) gives milliseconds to keep a
// request waiting before it is answered. `inject(req)` (optional) gives script text (or null) to
// run before the app in an HTML navigation: engines without init scripts (WebDriver classic)
// get their fakes this way — see injected() below. `security`: scripts/headers.mjs options (the
// embedding hosts the server lets frame the page).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { handler } from '../../scripts/serve.mjs';

export function serve(root, port = 0, { hold = () => 0, inject = () => null, security = {} } = {}) {
  const log = [];
  const handle = handler(root, (r, req) => Object.assign(req.yimaLog, { status: r.status, sent: r.sent, encoding: r.encoding, end: performance.now() }), security);
  const server = createServer(async (req, res) => {
    const entry = { method: req.method, url: req.url, body: 0, accept: req.headers['accept-encoding'] || '', inm: req.headers['if-none-match'] || null, at: performance.now() };
    log.push(entry);
    req.yimaLog = entry;
    req.on('data', (c) => { entry.body += c.length; });
    await new Promise((r) => req.on('end', r));
    const wait = hold(req.url);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const script = isPage(req) ? inject(req) : null;
    if (script) return injected(root, script, req, res);
    handle(req, res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}/`, log, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}

// An HTML navigation: GET of / or /index.html (any query).
function isPage(req) {
  const path = new URL(req.url, 'http://x').pathname;
  return req.method === 'GET' && (path === '/' || path === '/index.html');
}

// ROOT/index.html with `<script>script</script>` right after `<head>` (before the page's own
// scripts), uncompressed and never cached, so the next navigation asks again.
function injected(root, script, req, res) {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const tag = `<script>${script.replace(/<\/script/gi, '<\\/script')}</script>`;
  const m = /<head(\s[^>]*)?>/i.exec(html) || /<html(\s[^>]*)?>/i.exec(html);
  const body = Buffer.from(m ? html.slice(0, m.index + m[0].length) + tag + html.slice(m.index + m[0].length) : tag + html);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(body.length) });
  res.end(body);
  Object.assign(req.yimaLog, { status: 200, sent: body.length, encoding: null, end: performance.now(), injected: true });
}
