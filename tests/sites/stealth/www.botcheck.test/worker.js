// A dedicated worker reports what it sees of the browser (and whether DevTools' Runtime is on).
function leak() {
  let seen = false;
  const error = new Error("probe");
  Object.defineProperty(error, "stack", { configurable: false, enumerable: false,
    get() { seen = true; return ""; } });
  console.debug(error);
  return seen;
}
(async () => {
  const data = navigator.userAgentData;
  let high = {};
  try { high = data ? await data.getHighEntropyValues(["platform", "fullVersionList"]) : {}; } catch (e) { high = {}; }
  postMessage({
    ua: navigator.userAgent,
    brands: data ? data.brands.map((b) => `${b.brand}/${b.version}`) : [],
    uaPlatform: data ? data.platform : "",
    fullVersionList: (high.fullVersionList || []).map((b) => `${b.brand}/${b.version}`),
    platform: navigator.platform,
    cores: navigator.hardwareConcurrency,
    languages: (navigator.languages || []).join(","),
    leak: leak(),
  });
})();
