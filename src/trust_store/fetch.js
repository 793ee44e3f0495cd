// GET of one endpoint file for trust_store (Rust), with a stall timeout and a size cap. JS because
// it reads a response body as a stream with an abort signal, and retries with Range headers:
// web-sys would need three times the code.
// A declared Content-Length over the cap is refused before reading; otherwise the body is read
// as a stream and the request aborted as soon as it passes the cap. So an oversized file never
// sits whole in memory, JS or wasm.
// The timeout is a stall timeout: the request is abandoned when no byte has come for `stallMs`
// (waiting for the answer or in the body), so a large list on a slow link still arrives.
// `onProgress(received, total)` (optional; total 0 when unknown) follows the body. A body cut off
// part-way is resumed with `Range: bytes=N-` and `If-Range` (its strong ETag or Last-Modified)
// when the answer was not content-encoded and said `Accept-Ranges: bytes`; a 206 from the same
// offset is appended, a 200 starts over. A cut-off encoded answer is asked for once more with
// `Range: bytes=0-` (ranges are served unencoded). At most RESUMES retries, each after new bytes.
// Resolves to {text, cached, date}: `cached` when the service worker answered with its kept copy
// (public/sw.js X-Yima-From-Cache: the endpoint was not reached), `date` the answer's HTTP Date in
// ms (NaN when absent); or null when the file is larger than `cap` bytes. Rejects with a short
// human-readable cause ('timeout', 'HTTP 404', …).
const RESUMES = 5;

export function fetchCapped(url, cap, stallMs, onProgress) {
  // Started early and awaited later by Rust: marked handled now, so that a rejection that comes
  // before the await (all at once when offline) is no "unhandled rejection".
  const p = get(url, cap, stallMs, typeof onProgress === 'function' ? onProgress : () => {});
  p.catch(() => {});
  return p;
}

async function get(url, cap, stallMs, onProgress) {
  const chunks = [];
  let size = 0;
  let range = null; // the next try's Range (and If-Range) headers
  for (let attempt = 0; ; attempt++) {
    let r;
    try {
      r = await once(url, range || {}, cap, stallMs, size, chunks, onProgress);
    } catch (e) {
      throw new Error(e && e.name === 'AbortError' ? 'timeout' : (e && e.message) || 'network error');
    }
    if (r === null) return null;
    if (r.done) return { text: decode(chunks, r.size), cached: r.cached, date: r.date };
    if (attempt >= RESUMES) throw new Error(r.why);
    if (r.validator && r.size > size) {
      // Resumed where it stopped, while each try brings new bytes.
      size = r.size;
      range = { Range: `bytes=${size}-`, 'If-Range': r.validator };
    } else if (!range && r.size > 0) {
      // Cut off and not resumable (content-encoded): once more as a ranged download, which a
      // server that honours ranges sends unencoded, so that the next cut can resume.
      size = 0;
      chunks.length = 0;
      range = { Range: 'bytes=0-' };
    } else {
      throw new Error(r.why);
    }
  }
}

// One request. Returns null (over the cap), {done, size, cached, date} or, cut off part-way,
// {done: false, size, validator, why} (validator null: not resumable, start over).
async function once(url, headers, cap, stallMs, offset, chunks, onProgress) {
  const ctrl = new AbortController();
  let timer = 0;
  const arm = () => { clearTimeout(timer); timer = setTimeout(() => ctrl.abort(), stallMs); };
  arm();
  try {
    const resp = await fetch(url, { signal: ctrl.signal, headers });
    if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
    const h = (k) => resp.headers.get(k);
    let size = offset;
    if (resp.status === 206) {
      // Only bytes from where we stopped are appended; any other part starts over.
      const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(h('content-range') || '');
      if (!m || Number(m[1]) !== offset) throw new Error('bad range answer');
    } else {
      chunks.length = 0;
      size = 0;
    }
    const total = resp.status === 206 ? Number((h('content-range') || '').split('/')[1]) || 0 : Number(h('content-length')) || 0;
    if (total > cap || (resp.status !== 206 && Number(h('content-length')) > cap)) return null;
    const encoded = !!h('content-encoding') && h('content-encoding') !== 'identity';
    const etag = h('etag') && !h('etag').startsWith('W/') ? h('etag') : null; // If-Range needs a strong one
    const validator = !encoded && /bytes/.test(h('accept-ranges') || '') ? etag || h('last-modified') : null;
    const meta = { cached: h('x-yima-from-cache') === '1', date: Date.parse(h('date') || '') };
    if (!resp.body || !resp.body.getReader) {
      const whole = new Uint8Array(await resp.arrayBuffer());
      if (size + whole.byteLength > cap) return null;
      chunks.push(whole);
      return { done: true, size: size + whole.byteLength, ...meta };
    }
    const reader = resp.body.getReader();
    for (;;) {
      arm();
      let step;
      try {
        step = await reader.read();
      } catch (e) {
        // Cut off part-way: resumable from `size` if the answer allows it.
        return { done: false, size, validator, why: e && e.name === 'AbortError' ? 'timeout' : (e && e.message) || 'network error' };
      }
      if (step.done) break;
      size += step.value.length;
      if (size > cap) return null;
      chunks.push(step.value);
      onProgress(size, encoded ? 0 : total);
    }
    return { done: true, size, ...meta };
  } finally {
    clearTimeout(timer);
    ctrl.abort(); // drops whatever is left of a body not read to the end
  }
}

function decode(chunks, size) {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return new TextDecoder().decode(bytes);
}
