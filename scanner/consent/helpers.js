// cookiescan: helpers visible to the `choice` expressions of cmp_rules.yaml (values stay in the page).
const cookie = (name) => {
  for (const part of document.cookie.split(";")) {
    const at = part.indexOf("=");
    const key = part.slice(0, at).trim();
    if (name instanceof RegExp ? name.test(key) : key === name) {
      const raw = part.slice(at + 1).trim();
      try { return decodeURIComponent(raw); } catch (e) { return raw; }
    }
  }
  return null;
};
const json = (text) => { try { return text ? JSON.parse(text) : null; } catch (e) { return null; } };
const tcf = () => new Promise((resolve) => {
  if (typeof window.__tcfapi !== "function") return resolve(null);
  const timer = setTimeout(() => resolve(null), 1500);
  try {
    window.__tcfapi("getTCData", 2, (data, ok) => {
      clearTimeout(timer);
      const c = (ok && data && data.purpose && data.purpose.consents) || {};
      resolve(ok && data ? Object.keys(c).filter((k) => c[k]).map(Number) : null);
    });
  } catch (e) { clearTimeout(timer); resolve(null); }
});
