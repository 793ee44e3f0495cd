// GET of one endpoint file for trust_store (Rust), with a timeout and a size cap.
// A declared Content-Length over the cap is refused before reading; otherwise the body is read
// as a stream and the request aborted as soon as it passes the cap. So an oversized file never
// sits whole in memory, JS or wasm.
// Resolves to the text, or null when the file is larger than `cap` bytes; rejects with a short
// human-readable cause ('timeout', 'HTTP 404', …).
export function fetchCapped(url, cap, timeoutMs) {
  // Started early and awaited later by Rust: marked handled now, so that a rejection that comes
  // before the await (all at once when offline) is no "unhandled rejection".
  const p = get(url, cap, timeoutMs);
  p.catch(() => {});
  return p;
}

async function get(url, cap, timeoutMs) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const resp = await fetch(url, { signal: ctrl.signal });
    if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
    if (Number(resp.headers.get('content-length')) > cap) return null;
    if (!resp.body || !resp.body.getReader) {
      const whole = await resp.arrayBuffer();
      return whole.byteLength > cap ? null : new TextDecoder().decode(whole);
    }
    const reader = resp.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > cap) return null;
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    return new TextDecoder().decode(bytes);
  } catch (e) {
    throw new Error(e && e.name === 'AbortError' ? 'timeout' : (e && e.message) || 'network error');
  } finally {
    clearTimeout(timer);
    ctrl.abort(); // drops whatever is left of a body not read to the end
  }
}
