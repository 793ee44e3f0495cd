// Scripts run before the app, served inside index.html by the test server (serve.mjs `inject`)
// when the page URL carries `__t=name1,name2` (a parameter the app ignores): the same way for
// WebKit (classic WebDriver has no init scripts) and Firefox.

// Uncaught errors and unhandled rejections → self.__testErrors, and into sessionStorage so that
// a reload (the crash watch in index.html reloads after a wasm trap) does not lose them.
export const ERRORS = `(function () {
  var K = '__testErrors', mem = self[K] = [];
  function keep(x) {
    var s = x && x.message !== undefined ? (x.name || 'Error') + ': ' + x.message + (x.stack ? ' @ ' + String(x.stack).split('\\n')[0] : '') : String(x);
    mem.push(s);
    try { var all = JSON.parse(sessionStorage.getItem(K) || '[]'); all.push(s); sessionStorage.setItem(K, JSON.stringify(all)); } catch (e) {}
  }
  addEventListener('error', function (e) { keep(e.error || e.message); });
  addEventListener('unhandledrejection', function (e) { keep(e.reason); });
})();`;

// Runs in the page: what the collector saw (across reloads of this tab), else what the app's own
// crash watch in index.html saw (self.__yimaErrors: the same events, written without the
// message in WebKit); `crash`: set when the crash watch fired on this page (it then shows its
// notice and reloads), `recovered`: set on the page it reloaded to (window.name).
// `page`: the collector's list for this page load only (not across reloads); `app`: the crash
// watch's own list (self.__yimaErrors, this page load only).
export function readErrors() {
  let stored = null;
  try { stored = JSON.parse(sessionStorage.getItem('__testErrors') || 'null'); } catch (e) { /* no storage */ }
  const mine = (stored || self.__testErrors || []).map(String);
  const app = (self.__yimaErrors || []).map(String);
  return {
    errors: [...new Set(mine.length ? mine : app)], page: (self.__testErrors || []).map(String), app, appWatch: Array.isArray(self.__yimaErrors),
    crash: self.__yimaCrash || null, recovered: self.__yimaRecovered || null, collector: Array.isArray(self.__testErrors),
  };
}

// A page without service workers, as in iOS in-app webviews: the property is gone, not just
// empty, so `'serviceWorker' in navigator` is false too.
export const NO_SERVICE_WORKER = `(function () {
  try { delete Navigator.prototype.serviceWorker; } catch (e) {}
  if ('serviceWorker' in navigator) Object.defineProperty(Navigator.prototype, 'serviceWorker', { configurable: true, get: function () { return undefined; } });
  self.__noServiceWorker = !('serviceWorker' in navigator) ? 'deleted' : 'undefined';
})();`;

// A camera: getUserMedia resolves to canvas.captureStream() of a 1280×720 grey scene with the
// QR (a PNG data URL, drawn 440 px wide with its quiet zone, as tests' .y4m files show it),
// redrawn at 10 fps so frames keep coming. Each call gets a new stream (the app stops its
// tracks when it pauses). self.__camCalls counts the calls.
export function camera(pngDataUrl) {
  return `(function (src) {
  var img = new Image(), ready = false;
  img.onload = function () { ready = true; };
  img.src = src;
  function stream() {
    var c = document.createElement('canvas');
    c.width = 1280; c.height = 720;
    var g = c.getContext('2d');
    function draw() {
      g.fillStyle = '#464646'; g.fillRect(0, 0, 1280, 720);
      if (ready) { g.imageSmoothingEnabled = false; g.drawImage(img, 420, 140, 440, 440); }
    }
    draw();
    var s = c.captureStream(10), t = setInterval(draw, 100);
    s.getVideoTracks().forEach(function (tr) { tr.addEventListener('ended', function () { clearInterval(t); }); var stop = tr.stop.bind(tr); tr.stop = function () { clearInterval(t); stop(); }; });
    return s;
  }
  // On the prototype: WebKit may hand out a new navigator.mediaDevices object later on.
  var fake = function () { self.__camCalls++; return Promise.resolve(stream()); };
  self.__camCalls = 0;
  if (self.MediaDevices) MediaDevices.prototype.getUserMedia = fake;
  else Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: function () { return { getUserMedia: fake, enumerateDevices: function () { return Promise.resolve([]); } }; } });
})(${JSON.stringify(pngDataUrl)});`;
}

// iOS in-app webviews (run after `cam`): getUserMedia and video.play() are refused with
// NotAllowedError until the page has had a tap (a pointerdown, seen in the capture phase).
// self.__tapRefused counts the refusals, self.__tapped says whether the tap came.
// A page iOS opens has no user activation before that tap, and this page gets no input before
// it, so navigator.userActivation says "not active" until the tap. Firefox's WebDriver BiDi
// browsingContext.navigate loads pages as if from a link click (hasValidUserGestureActivation:
// true), so there the real one says active from the start (set a moment after this script
// runs, not always before); self.__activationClaimed records that it did, before the tap.
export const TAP_FIRST = `(function () {
  var tapped = false, no = function () { self.__tapRefused++; return Promise.reject(new DOMException('gesture needed', 'NotAllowedError')); };
  self.__tapRefused = 0; self.__tapped = false; self.__activationClaimed = false;
  document.addEventListener('pointerdown', function () { tapped = self.__tapped = true; }, true);
  var ua = Object.getOwnPropertyDescriptor(Navigator.prototype, 'userActivation');
  if (ua && ua.get) Object.defineProperty(Navigator.prototype, 'userActivation', { configurable: true, get: function () {
    var real = ua.get.call(this);
    if (!tapped && real && real.hasBeenActive) self.__activationClaimed = true;
    return { hasBeenActive: tapped, isActive: tapped && !!real && real.isActive };
  } });
  function gate(real) { return function (c) { return tapped ? real.call(this, c) : no(); }; }
  if (self.MediaDevices && MediaDevices.prototype.getUserMedia) MediaDevices.prototype.getUserMedia = gate(MediaDevices.prototype.getUserMedia);
  else {
    var get = Object.getOwnPropertyDescriptor(Navigator.prototype, 'mediaDevices').get;
    Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: function () { var md = get.call(this); return Object.assign({}, md, { getUserMedia: gate(md.getUserMedia) }); } });
  }
  var play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () { return tapped ? play.call(this) : no(); };
})();`;

// Runs in the page: `text` into the field at once, as a paste does (one input event), focused.
export function pasteInto(el, text) {
  el.focus();
  el.value = text;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: text ? 'insertFromPaste' : 'deleteContentBackward', data: text || null }));
  return true;
}

// The serve() option: scripts by name from `registry` (a Map), for pages asking with `__t=`.
export function injector(registry) {
  return (req) => {
    const names = new URL(req.url, 'http://x').searchParams.get('__t');
    if (!names) return null;
    // An unknown name shows up as a page error rather than a silently missing fake.
    return names.split(',').map((n) => registry.get(n) ?? `throw new Error(${JSON.stringify('test: no injected script ' + n)});`).join('\n');
  };
}
