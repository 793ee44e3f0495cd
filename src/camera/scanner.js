// Camera + decoder-worker glue for the Rust app (bound in camera/mod.rs). JS because the
// frame loop hands pixels to a Worker as transferable buffers with no copy into wasm, and
// web-sys would make every camera call a fallible binding for no gain.
// Main thread: getUserMedia with step-by-step fallbacks, a requestAnimationFrame loop with at
// most one decode in flight, crop to the aiming square and scale down before decoding.
// Decoding runs in a Web Worker (public/decode-worker.js) that is restarted if it dies.
// `onState(name, detail)` names a state of `CameraState` (camera/mod.rs), the one list of them;
// a test (src/tests.rs) holds every capitalised name quoted here to that list.

const CONSTRAINTS = [
  { video: { facingMode: { exact: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false },
  { video: { facingMode: 'environment' }, audio: false },
  { video: true, audio: false },
];
const AIM = 0.7;          // aiming square: 70% of the shorter side
const MAX_SIDE = 480;     // decode at most this many pixels per side
const WORKER_TIMEOUT_MS = 4000;
const MAX_RESTARTS = 5;   // per minute

// The camera state an error from getUserMedia means.
function problem(err) {
  switch (err && err.name) {
    case 'NotAllowedError': case 'SecurityError': case 'PermissionDeniedError': return 'Denied';
    case 'NotFoundError': case 'DevicesNotFoundError': case 'OverconstrainedError': return 'NoCamera';
    case 'NotReadableError': case 'TrackStartError': case 'AbortError': return 'InUse';
    default: return 'Error';
  }
}

class DecoderPool {
  constructor(url, onState) {
    this.url = url; this.onState = onState; this.restarts = []; this.pending = null; this.nextId = 1;
    this.spawn();
  }
  spawn() {
    // index.html starts the first worker once the app's wasm has arrived; if that has not
    // happened yet, start it now (it marks yima-decoder-ready itself).
    if (!self.__yimaWorkerTaken && self.__yimaStartWorker) self.__yimaStartWorker();
    const early = self.__yimaEarlyWorker;
    self.__yimaEarlyWorker = undefined;
    self.__yimaWorkerTaken = true;
    try { this.worker = early || new Worker(this.url); } catch (e) { this.worker = null; this.onState('DecoderDown', String(e)); return; }
    this.worker.onmessage = (e) => this.reply(e.data);
    this.worker.onerror = (e) => { e.preventDefault && e.preventDefault(); this.restart('error'); };
  }
  restart(why) {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60000);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    if (this.pending) { this.pending.resolve(null); this.pending = null; }
    if (this.restarts.length >= MAX_RESTARTS) { this.onState('DecoderDown', why); return; }
    this.restarts.push(now);
    self.__yimaWorkerRestarts = (self.__yimaWorkerRestarts || 0) + 1;
    this.spawn();
  }
  reply(msg) {
    if (msg && msg.ready) { if (self.__yimaOnDecoderReady) self.__yimaOnDecoderReady(); return; } // see index.html
    if (msg && msg.error && msg.id === undefined) { this.restart(msg.error); return; }
    const p = this.pending;
    if (!p || !msg || msg.id !== p.id) return;
    this.pending = null; clearTimeout(p.timer);
    if (msg.error) { p.resolve(null); this.restart(msg.error); return; }
    p.resolve(typeof msg.text === 'string' ? msg.text : null);
  }
  get busy() { return this.pending !== null; }
  // Decodes one RGBA image; resolves to the text or null. One request at a time.
  decode(image, still = false) {
    if (!this.worker || this.pending) return Promise.resolve(null);
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => { if (this.pending && this.pending.id === id) this.restart('timeout'); }, WORKER_TIMEOUT_MS);
      this.pending = { id, resolve, timer };
      this.worker.postMessage({ id, width: image.width, height: image.height, data: image.data.buffer, still }, [image.data.buffer]);
      // "Camera-ready" for the phone benchmark: the first frame handed to the decoder.
      mark('yima-first-frame');
    });
  }
}

// A 2D context to read pixels from: OffscreenCanvas where it has one (Safari before 16.4 has
// none; some engines' OffscreenCanvas gives no 2D context), else a detached canvas.
function canvas2d(w, h) {
  const opts = { willReadFrequently: true };
  let ctx = null;
  try { if (typeof OffscreenCanvas !== 'undefined') ctx = new OffscreenCanvas(w, h).getContext('2d', opts); } catch (e) { ctx = null; }
  return ctx || Object.assign(document.createElement('canvas'), { width: w, height: h }).getContext('2d', opts);
}

// Performance marks are timings for the tests and benchmarks: never worth an exception.
function mark(name) {
  try { if (!performance.getEntriesByName(name).length) performance.mark(name); } catch (e) { /* no User Timing */ }
}

// Whether the page has had a tap or key press (browsers without navigator.userActivation:
// our own note of the first one).
let tapped = false;
for (const t of ['pointerdown', 'touchend', 'keydown']) document.addEventListener(t, () => { tapped = true; }, { capture: true, passive: true });
const activated = () => tapped || !!(navigator.userActivation && navigator.userActivation.hasBeenActive);

// Why the camera was refused. iOS webviews refuse it before the page's first tap: unless the
// permission is known to be denied, ask for a tap ('NeedsTap') before saying 'Denied'.
async function refusal(err) {
  const why = problem(err);
  if (why !== 'Denied' || activated()) return why;
  try { if ((await navigator.permissions.query({ name: 'camera' })).state === 'denied') return why; } catch (e) { /* no Permissions API, or no 'camera' in it (Firefox) */ }
  return 'NeedsTap';
}

// A photo as something drawImage takes: createImageBitmap where there is one, else an <img>.
async function bitmapOf(file) {
  if (typeof createImageBitmap === 'function') return createImageBitmap(file);
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return Object.assign(img, { width: img.naturalWidth, height: img.naturalHeight });
  } finally { URL.revokeObjectURL(url); }
}

// Draws the source region scaled into at most MAX_SIDE pixels and returns its RGBA.
function grab(source, sx, sy, sw, sh, maxSide) {
  const scale = Math.min(1, maxSide / Math.max(sw, sh));
  const w = Math.max(1, Math.round(sw * scale)), h = Math.max(1, Math.round(sh * scale));
  const ctx = canvas2d(w, h);
  ctx.drawImage(source, sx, sy, sw, sh, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

export class Scanner {
  // `worker`: the decoder worker's key in index.html's self.__yimaModules (or its URL).
  constructor(video, worker, onText, onState) {
    this.video = video; this.onText = onText; this.onState = onState;
    this.pool = new DecoderPool((self.__yimaModules || {})[worker] || worker, onState);
    this.stream = null; this.running = false; this.frame = 0; this.inViewSince = null;
    this.deviceIds = []; this.deviceIndex = -1;
    this.onVisibility = () => { if (document.hidden) this.pause(); else if (this.wanted) this.start(); };
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  async start() {
    this.wanted = true;
    if (document.hidden) return;
    // A stream that the browser would not play without a tap (iOS): this call is that tap.
    if (this.stream) { if (!this.running && (await this.play())) this.live(); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { this.onState('NoCamera', 'no mediaDevices'); return; }
    this.onState('Starting', '');
    let last = null;
    const list = this.deviceIndex >= 0 ? [{ video: { deviceId: { exact: this.deviceIds[this.deviceIndex] } }, audio: false }, ...CONSTRAINTS] : CONSTRAINTS;
    for (const c of list) {
      try { this.stream = await navigator.mediaDevices.getUserMedia(c); break; }
      catch (e) { last = e; if (problem(e) === 'Denied' || problem(e) === 'InUse') break; }
    }
    if (!this.stream) {
      this.onState(await refusal(last), last ? last.name + ': ' + last.message : '');
      return;
    }
    if (!this.wanted) { this.stopTracks(); return; }
    const track = this.stream.getVideoTracks()[0];
    if (track) track.addEventListener('ended', () => { this.stopTracks(); this.onState('Ended', ''); });
    this.video.setAttribute('playsinline', ''); // iOS: play in the page, not full screen
    this.video.muted = true;
    this.video.srcObject = this.stream;
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      this.deviceIds = devices.filter((d) => d.kind === 'videoinput').map((d) => d.deviceId);
    } catch (e) { this.deviceIds = []; }
    // Which camera this is, so "switch" moves on to another one (the first pick was by facing).
    const current = track && track.getSettings ? track.getSettings().deviceId : undefined;
    const at = this.deviceIds.indexOf(current);
    if (at >= 0) this.deviceIndex = at;
    if (await this.play()) this.live();
  }

  // Plays the camera's picture; false (and the "tap" state) when the browser wants a gesture
  // first. Other refusals still let frames through once the video is visible.
  async play() {
    try { await this.video.play(); } catch (e) {
      if (e && e.name === 'NotAllowedError') { this.onState('NeedsTap', e.message); return false; }
    }
    return !!this.stream;
  }

  live() {
    mark('yima-camera-live');
    this.onState('Live', '');
    this.running = true;
    this.inViewSince = null;
    requestAnimationFrame(() => this.tick());
  }

  tick() {
    if (!this.running) return;
    requestAnimationFrame(() => this.tick());
    const v = this.video;
    if (this.pool.busy || v.readyState < 2 || !v.videoWidth) return;
    const now = performance.now();
    if (this.inViewSince === null) this.inViewSince = now;
    let image;
    try {
      const vw = v.videoWidth, vh = v.videoHeight;
      // Mostly the aiming square; every third frame the whole picture (a code held too close).
      if (this.frame++ % 3 === 2) image = grab(v, 0, 0, vw, vh, MAX_SIDE * 1.5);
      else { const side = Math.round(Math.min(vw, vh) * AIM); image = grab(v, (vw - side) / 2, (vh - side) / 2, side, side, MAX_SIDE); }
    } catch (e) { return; }
    const since = this.inViewSince;
    const t0 = performance.now();
    this.pool.decode(image).then((text) => {
      try { performance.measure(text === null ? 'yima-decode-miss' : 'yima-decode-hit', { start: t0, end: performance.now(), detail: image.width }); } catch (e) { /* older engines: no options */ }
      if (text !== null && this.running) { this.inViewSince = null; this.onText(text, since); }
    });
  }

  // Page hidden: release the camera and say so (restarted when shown, if still wanted).
  pause() {
    this.stopTracks();
    this.onState('Off', '');
  }

  // Leaving the scan view: no state callback (the view is going away).
  stop() {
    this.wanted = false;
    this.stopTracks();
  }

  destroy() {
    this.stop();
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.pool.worker) this.pool.worker.terminate();
  }

  stopTracks() {
    this.running = false;
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    this.stream = null;
    if (this.video) this.video.srcObject = null;
  }

  canTorch() {
    const t = this.stream && this.stream.getVideoTracks()[0];
    const caps = t && t.getCapabilities ? t.getCapabilities() : {};
    return !!caps.torch;
  }

  async setTorch(on) {
    const t = this.stream && this.stream.getVideoTracks()[0];
    if (!t) return false;
    try { await t.applyConstraints({ advanced: [{ torch: !!on }] }); return true; } catch (e) { return false; }
  }

  cameraCount() { return this.deviceIds.length; }

  async nextCamera() {
    if (this.deviceIds.length < 2) return;
    this.deviceIndex = (this.deviceIndex + 1) % this.deviceIds.length;
    this.stopTracks();
    await this.start();
  }

  // Decodes a photo (file input) with the same worker: whole picture, then the centre.
  async decodeFile(file) {
    let bitmap;
    try { bitmap = await bitmapOf(file); } catch (e) { return null; }
    const attempts = [[0, 0, bitmap.width, bitmap.height, 1024]];
    const side = Math.min(bitmap.width, bitmap.height);
    attempts.push([(bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 800]);
    for (const [x, y, w, h, max] of attempts) {
      for (let wait = 0; this.pool.busy && wait < 50; wait++) await new Promise((r) => setTimeout(r, 20));
      const text = await this.pool.decode(grab(bitmap, x, y, w, h, max), true);
      if (text !== null) return text;
    }
    return null;
  }
}
