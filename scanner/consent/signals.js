// cookiescan: the TCF purposes (via __tcfapi addEventListener) and Consent Mode dataLayer state.
async () => {
  const tcf = await new Promise((resolve) => {
    if (typeof window.__tcfapi !== "function") return resolve(null);
    let done = false;
    const finish = (v) => { if (!done) { done = true; resolve(v); } };
    setTimeout(() => finish({ status: "timeout", purposes: [] }), 1500);
    try {
      window.__tcfapi("addEventListener", 2, (data, ok) => {
        if (!ok || !data) return finish({ status: "error", purposes: [] });
        if (data.listenerId !== undefined && data.listenerId !== null) {
          try { window.__tcfapi("removeEventListener", 2, () => {}, data.listenerId); } catch (e) { }
        }
        const c = (data.purpose && data.purpose.consents) || {};
        finish({
          status: String(data.eventStatus || data.cmpStatus || ""),
          purposes: Object.keys(c).filter((k) => c[k] === true).map(Number).filter((n) => n > 0 && n < 100),
        });
      });
    } catch (e) { finish({ status: "error", purposes: [] }); }
  });
  const keys = ["ad_storage", "analytics_storage", "ad_user_data", "ad_personalization"];
  const gcm = {};
  for (const e of Array.isArray(window.dataLayer) ? window.dataLayer : []) {
    if (!e || typeof e !== "object" || e[0] !== "consent" || !e[2] || typeof e[2] !== "object") continue;
    if (e[1] !== "default" && e[1] !== "update") continue;
    for (const k of keys) if (e[2][k] === "granted" || e[2][k] === "denied") gcm[k] = e[2][k];
  }
  return { tcf, gcm };
}
