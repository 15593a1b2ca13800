// What any site's script can read about its visitor, in the page, a cross-site iframe and a
// dedicated worker (crawl/visit/profile_probe.py). Called with the iframe's URL in the page,
// with "frame" inside the iframe (which posts its readings to the page).
async (mode) => {
  const facts = () => {
    const n = navigator, d = n.userAgentData;
    return {
      webdriver: !!n.webdriver,
      ua: n.userAgent,
      brands: d ? d.brands.map((b) => `${b.brand} ${b.version}`) : [],
      ua_platform: d ? d.platform : "",
      platform: n.platform || "",
      languages: Array.from(n.languages || []),
      cores: n.hardwareConcurrency || 0,
    };
  };
  const sizes = () => ({
    screen: [screen.width, screen.height],
    outer: [outerWidth, outerHeight],
    inner: [innerWidth, innerHeight],
  });
  if (mode === "frame") {
    parent.postMessage({ probe: "iframe", facts: { ...facts(), ...sizes() } }, "*");
    return null;
  }
  const within = (start, ms) => new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    start((value) => { clearTimeout(timer); resolve(value); });
  });
  const worker = within((done) => {
    const code = `const facts = ${facts.toString()};\npostMessage(facts());`;
    const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    const w = new Worker(url);
    w.onmessage = (e) => { done(e.data); w.terminate(); };
    w.onerror = () => done(null);
  }, 3000);
  const iframe = within((done) => {
    addEventListener("message", (e) => { if (e.data && e.data.probe === "iframe") done(e.data.facts); });
    const f = document.createElement("iframe");
    f.src = mode;
    document.body.appendChild(f);
  }, 3000);
  let webgl = "none";
  try {
    const gl = document.createElement("canvas").getContext("webgl");
    const ext = gl && gl.getExtension("WEBGL_debug_renderer_info");
    if (gl) webgl = ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : "hidden";
  } catch (e) { webgl = "error"; }
  const globals = Object.getOwnPropertyNames(window)
    .filter((n) => /^__(pw|playwright|puppeteer)|^cdc_/.test(n));
  return {
    page: { ...facts(), ...sizes(), webgl, globals },
    worker: await worker,
    iframe: await iframe,
  };
}
