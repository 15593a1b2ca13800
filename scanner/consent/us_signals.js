// cookiescan: the US privacy signals a page's consent manager exposes (__uspapi, __gpp).
async () => {
  const call = (fn, ...args) => new Promise((resolve) => {
    if (typeof window[fn] !== "function") return resolve(null);
    let done = false;
    const finish = (v) => { if (!done) { done = true; resolve(v); } };
    setTimeout(() => finish(null), 1500);
    try {
      const direct = window[fn](...args, (data, ok) => finish(ok === false ? null : data));
      if (direct && typeof direct === "object" && fn === "__gpp") finish(direct);
    } catch (e) { finish(null); }
  });
  const usp = await call("__uspapi", "getUSPData", 1);
  const gpp = await call("__gpp", "ping");
  const usnat = gpp && gpp.parsedSections && (gpp.parsedSections.usnat || gpp.parsedSections.usnatv1);
  const fields = {};
  for (const key of ["SaleOptOut", "SharingOptOut", "TargetedAdvertisingOptOut", "Gpc"]) {
    const section = Array.isArray(usnat) ? usnat[0] : usnat;
    if (section && (typeof section[key] === "number" || typeof section[key] === "boolean")) fields[key] = section[key];
  }
  return {
    gpc: navigator.globalPrivacyControl === true,
    usp: usp && typeof usp.uspString === "string" ? usp.uspString : null,
    gpp: gpp ? {
      string: typeof gpp.gppString === "string" ? gpp.gppString : "",
      applicable: Array.isArray(gpp.applicableSections) ? gpp.applicableSections : [],
      usnat: fields,
    } : null,
  };
}
