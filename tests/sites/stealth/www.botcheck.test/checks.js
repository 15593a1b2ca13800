// Detector checks: what FingerprintJS BotD and the evasions of puppeteer-extra-plugin-stealth
// look at, plus the DevTools Runtime.enable leak, reproduced here (no code of theirs shipped).
// Each check returns true when it sees a tell.

export function runtimeEnableLeak() {
  // With the DevTools Runtime domain on, console arguments are serialised for the client, and
  // serialising an Error reads its `stack`; a page without DevTools never calls the getter.
  let seen = false;
  const error = new Error("probe");
  Object.defineProperty(error, "stack", { configurable: false, enumerable: false,
    get() { seen = true; return ""; } });
  console.debug(error);
  return seen;
}

function brands() {
  const data = navigator.userAgentData;
  return data ? data.brands.map((b) => `${b.brand}/${b.version}`) : [];
}

function uaMajor() {
  const m = /Chrome\/(\d+)/.exec(navigator.userAgent);
  return m ? m[1] : "";
}

export async function navigatorFacts() {
  const data = navigator.userAgentData;
  let high = {};
  if (data && data.getHighEntropyValues) {
    try {
      high = await data.getHighEntropyValues(["platform", "fullVersionList", "uaFullVersion"]);
    } catch (e) { high = {}; }
  }
  return {
    ua: navigator.userAgent,
    brands: brands(),
    uaPlatform: data ? data.platform : "",
    fullVersionList: (high.fullVersionList || []).map((b) => `${b.brand}/${b.version}`),
    platform: navigator.platform,
    cores: navigator.hardwareConcurrency,
    languages: (navigator.languages || []).join(","),
  };
}

export function uaTells(facts) {
  const tells = [];
  if (/Headless/i.test(facts.ua)) tells.push("ua.headless");
  if (facts.brands.some((b) => /Headless/i.test(b))) tells.push("uadata.headless-brand");
  if (facts.fullVersionList.some((b) => /Headless/i.test(b))) tells.push("uadata.headless-full");
  const major = uaMajor();
  if (facts.brands.length && !facts.brands.some((b) => b.endsWith("/" + major)))
    tells.push("uadata.version-mismatch");
  if (/X11; Linux/.test(facts.ua) && facts.uaPlatform && facts.uaPlatform !== "Linux")
    tells.push("uadata.platform-mismatch");
  if (/X11; Linux/.test(facts.ua) && !/Linux/.test(facts.platform))
    tells.push("navigator.platform-mismatch");
  if (!facts.languages) tells.push("navigator.languages-empty");
  return tells;
}

function webglRenderer() {
  try {
    const gl = document.createElement("canvas").getContext("webgl");
    if (!gl) return "none";
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    return ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : "hidden";
  } catch (e) { return "error"; }
}

export async function pageTells() {
  const tells = [];
  if (navigator.webdriver) tells.push("navigator.webdriver");
  const c = window.chrome;
  if (!c) tells.push("chrome.missing");
  else {
    if (!c.app) tells.push("chrome.app");
    if (typeof c.csi !== "function") tells.push("chrome.csi");
    if (typeof c.loadTimes !== "function") tells.push("chrome.loadTimes");
  }
  const probe = document.createElement("iframe");
  probe.srcdoc = "<p>probe</p>";
  document.body.appendChild(probe);
  if (!probe.contentWindow || !probe.contentWindow.chrome) tells.push("iframe.contentWindow.chrome");
  probe.remove();
  if (navigator.plugins.length === 0) tells.push("navigator.plugins");
  if (navigator.mimeTypes.length === 0) tells.push("navigator.mimeTypes");
  if (navigator.vendor !== "Google Inc.") tells.push("navigator.vendor");
  try {
    const state = (await navigator.permissions.query({ name: "notifications" })).state;
    if (Notification.permission === "denied" && state === "prompt") tells.push("permissions.notifications");
  } catch (e) { tells.push("permissions.error"); }
  const renderer = webglRenderer();
  if (/SwiftShader|llvmpipe|Mesa OffScreen|none/i.test(renderer)) tells.push("webgl.software");
  if (outerWidth === 0 || outerHeight === 0) tells.push("window.outer-zero");
  else if (outerHeight === innerHeight && outerWidth === innerWidth) tells.push("window.no-frame");
  if (screen.width === 800 && screen.height === 600) tells.push("screen.800x600");
  if (screen.width < outerWidth || screen.height < outerHeight) tells.push("screen.smaller-than-window");
  const globals = Object.getOwnPropertyNames(window).filter((n) => /^__(pw|playwright|puppeteer)|^cdc_/.test(n));
  if (globals.length) tells.push("automation.globals");
  if (!/probably|maybe/.test(document.createElement("video").canPlayType('video/mp4; codecs="avc1.42E01E"')))
    tells.push("media.h264");
  return tells;
}

export function watchEvaluationStacks() {
  // Puppeteer's sourceurl evasion: scripts the driver evaluates carry a tell-tale source URL
  // in stack traces of page functions they call. Watch a few getters a scanner reads.
  const seen = [];
  const spy = (proto, name) => {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || !desc.get) return;
    Object.defineProperty(proto, name, { ...desc, get() {
      const stack = String(new Error().stack);
      if (/__playwright|__puppeteer|pptr:|evaluation_script/.test(stack)) seen.push(name);
      return desc.get.call(this);
    } });
  };
  spy(Document.prototype, "cookie");
  spy(Document.prototype, "title");
  spy(Node.prototype, "textContent");
  return () => (seen.length ? ["sourceurl.evaluation-stack"] : []);
}
