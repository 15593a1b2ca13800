// cookiescan: report the browser APIs that fingerprinting and session-replay scripts use, with
// the calling script (canvas, WebGL, audio, font probing, navigator, DOM-wide observers).
(() => {
  const BINDING = "__cookiescan_api";
  const top = globalThis;  // a window, or a worker's global scope (its reporter adds the URL)
  const inWorker = typeof top.WorkerGlobalScope === "function" && top instanceof top.WorkerGlobalScope;
  if (top.__cookiescanApis) return;
  Object.defineProperty(top, "__cookiescanApis", { value: true });
  const seen = new Set();
  const URLS = /(?:https?|file|blob):\/\/[^\s()]+?(?=:\d+:\d+)/g;
  const callerOf = () => {
    const urls = String(new Error().stack || "").match(URLS) || [];
    return urls.length ? urls[0] : "";
  };
  const text = (value, max) => String(value).slice(0, max);
  // One report per distinct (api, caller, detail): a loop of a thousand calls is one message.
  const send = (api, detail) => {
    try {
      const caller = callerOf();
      const json = JSON.stringify(detail || {});
      const key = `${api}\u0000${caller}\u0000${json}`;
      if (seen.has(key) || seen.size > 5000) return;
      seen.add(key);
      const binding = top[BINDING];
      if (typeof binding === "function") binding(api, caller, json, inWorker ? "" : String(top.location.href), Date.now());
    } catch (e) { /* never break the page */ }
  };
  const wrap = (proto, name, before) => {
    const original = proto && Object.getOwnPropertyDescriptor(proto, name);
    if (!original || typeof original.value !== "function") return;
    const fn = original.value;
    const wrapped = {
      [name](...args) {
        try { before.call(this, args); } catch (e) { /* ignore */ }
        return fn.apply(this, args);
      },
    }[name];
    Object.defineProperty(proto, name, { ...original, value: wrapped });
  };
  const onGet = (proto, name, before) => {
    const original = proto && Object.getOwnPropertyDescriptor(proto, name);
    if (!original || !original.get) return;
    Object.defineProperty(proto, name, {
      ...original,
      get() {
        try { before.call(this); } catch (e) { /* ignore */ }
        return original.get.call(this);
      },
    });
  };

  const install = (win) => {
    if (!win || Object.prototype.hasOwnProperty.call(win, "__cookiescanApisIn")) return;
    Object.defineProperty(win, "__cookiescanApisIn", { value: true });
    const canvases = new WeakMap();
    const stateOf = (canvas) => {
      let state = canvases.get(canvas);
      if (!state) {
        state = { chars: new Set(), colours: new Set(), texts: [], saveRestore: false, listener: false };
        canvases.set(canvas, state);
      }
      return state;
    };
    const drawn = function (args, style) {
      if (!this || !this.canvas) return;
      const state = stateOf(this.canvas);
      const value = String(args[0]);
      for (const ch of value) state.chars.add(ch);
      state.colours.add(String(style));
      const sample = text(value, 40);
      if (state.texts.length < 4 && !state.texts.includes(sample)) state.texts.push(sample);
    };
    const read = (canvas, detail) => {
      const state = stateOf(canvas);
      send("canvas.read", {
        ...detail,
        width: canvas.width, height: canvas.height,
        chars: state.chars.size, colours: state.colours.size,
        texts: state.texts, save_restore: state.saveRestore, listener: state.listener,
      });
    };
    for (const name of ["CanvasRenderingContext2D", "OffscreenCanvasRenderingContext2D"]) {
      const Ctx2D = win[name] && win[name].prototype;
      wrap(Ctx2D, "fillText", function (args) { drawn.call(this, args, this.fillStyle); });
      wrap(Ctx2D, "strokeText", function (args) { drawn.call(this, args, this.strokeStyle); });
      wrap(Ctx2D, "save", function () { if (this.canvas) stateOf(this.canvas).saveRestore = true; });
      wrap(Ctx2D, "restore", function () { if (this.canvas) stateOf(this.canvas).saveRestore = true; });
      wrap(Ctx2D, "measureText", function () { send("canvas.measure", { font: text(this.font, 120) }); });
      wrap(Ctx2D, "getImageData", function (args) {
        if (this.canvas) read(this.canvas, { method: "getImageData", area: [Number(args[2]), Number(args[3])] });
      });
    }
    const Offscreen = win.OffscreenCanvas && win.OffscreenCanvas.prototype;
    wrap(Offscreen, "convertToBlob", function (args) {
      read(this, { method: "convertToBlob", format: text((args[0] && args[0].type) || "image/png", 40) });
    });
    const Canvas = win.HTMLCanvasElement && win.HTMLCanvasElement.prototype;
    wrap(Canvas, "toDataURL", function (args) {
      read(this, { method: "toDataURL", format: text(args[0] || "image/png", 40) });
    });
    wrap(Canvas, "toBlob", function (args) {
      read(this, { method: "toBlob", format: text(args[1] || "image/png", 40) });
    });
    if (Canvas && win.EventTarget) {
      const add = win.EventTarget.prototype.addEventListener;
      Object.defineProperty(Canvas, "addEventListener", {
        configurable: true, writable: true,
        value: function addEventListener(...args) {
          try { stateOf(this).listener = true; } catch (e) { /* ignore */ }
          return add.apply(this, args);
        },
      });
    }
    const UNMASKED = { 37445: "UNMASKED_VENDOR_WEBGL", 37446: "UNMASKED_RENDERER_WEBGL" };
    for (const name of ["WebGLRenderingContext", "WebGL2RenderingContext"]) {
      const proto = win[name] && win[name].prototype;
      wrap(proto, "getParameter", function (args) {
        send("webgl.parameter", UNMASKED[args[0]] ? { unmasked: UNMASKED[args[0]] } : {});
      });
      wrap(proto, "getExtension", function (args) {
        if (String(args[0]) === "WEBGL_debug_renderer_info") send("webgl.debug_extension", {});
      });
    }
    const Audio = win.BaseAudioContext && win.BaseAudioContext.prototype;
    const audioKind = (ctx) => (win.OfflineAudioContext && ctx instanceof win.OfflineAudioContext ? "offline" : "realtime");
    for (const name of ["createOscillator", "createDynamicsCompressor", "createAnalyser"]) {
      wrap(Audio, name, function () { send(`audio.${name}`, { context: audioKind(this) }); });
    }
    wrap(win.OfflineAudioContext && win.OfflineAudioContext.prototype, "startRendering", function () {
      send("audio.startRendering", { context: "offline" });
    });
    const Element = win.HTMLElement && win.HTMLElement.prototype;
    for (const name of ["offsetWidth", "offsetHeight"]) {
      onGet(Element, name, function () {
        const family = this.style && this.style.fontFamily;
        if (family) send("font.offset", { font: text(family, 120) });
      });
    }
    for (const Navigator of [win.Navigator, win.WorkerNavigator]) {
      const Nav = Navigator && Navigator.prototype;
      for (const name of ["plugins", "mimeTypes", "hardwareConcurrency", "deviceMemory"]) {
        onGet(Nav, name, () => send(`navigator.${name}`, {}));
      }
      wrap(Nav, "getBattery", () => send("navigator.getBattery", {}));
    }
    const Observer = win.MutationObserver && win.MutationObserver.prototype;
    wrap(Observer, "observe", (args) => {
      const target = args[0];
      const doc = target && (target === target.ownerDocument?.documentElement || target.nodeType === 9);
      if (doc && args[1] && args[1].subtree) send("dom.observe", { target: "document" });
    });
    // Same-origin frames made by script (about:blank) start before any init script: cover them.
    const Frame = win.HTMLIFrameElement && win.HTMLIFrameElement.prototype;
    const frameWindow = Frame && Object.getOwnPropertyDescriptor(Frame, "contentWindow");
    for (const name of ["contentWindow", "contentDocument"]) {
      onGet(Frame, name, function () {
        try { install(frameWindow.get.call(this)); } catch (e) { /* cross-origin: own init script */ }
      });
    }
  };
  install(top);
})();
