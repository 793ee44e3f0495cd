// The run command's static server (scripts/serve.mjs: precompressed files, cache headers,
// ETag → 304) on 127.0.0.1, recording every request (method, URL, request body length,
// status, response body bytes sent, encoding, arrival and finish times) so tests can check that nothing personal leaves
// the page and what an unchanged file costs. `hold(url)` (optional) gives milliseconds to keep a
// request waiting before it is answered.
import { createServer } from 'node:http';
import { handler } from '../../scripts/serve.mjs';

export function serve(root, port = 0, { hold = () => 0 } = {}) {
  const log = [];
  const handle = handler(root, (r, req) => Object.assign(req.yimaLog, { status: r.status, sent: r.sent, encoding: r.encoding, end: performance.now() }));
  const server = createServer(async (req, res) => {
    const entry = { method: req.method, url: req.url, body: 0, accept: req.headers['accept-encoding'] || '', inm: req.headers['if-none-match'] || null, at: performance.now() };
    log.push(entry);
    req.yimaLog = entry;
    req.on('data', (c) => { entry.body += c.length; });
    await new Promise((r) => req.on('end', r));
    const wait = hold(req.url);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    handle(req, res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}/`, log, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
    });
  });
}
