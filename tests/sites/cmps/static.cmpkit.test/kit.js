// Test kit behind the CMP fixture pages: each page holds its CMP's real DOM ids/classes and JS API;
// this wires clicks to a recorded choice (consent cookie, TCF, Google Consent Mode), like the CMP.
(() => {
  const roots = () => {
    const all = [document];
    for (let i = 0; i < all.length; i++) {
      for (const el of all[i].querySelectorAll("*")) if (el.shadowRoot) all.push(el.shadowRoot);
    }
    return all;
  };
  const qa = (sel) => roots().flatMap((r) => [...r.querySelectorAll(sel)]);
  const tcfState = { purposes: {}, status: "cmpuishown", listeners: [] };
  window.dataLayer = window.dataLayer || [];
  function gtag() { window.dataLayer.push(arguments); }
  const collect = (granted) => {
    const g = granted ? "1" : "0";
    new Image().src = `https://www.google-analytics.test/g/collect?v=2&tid=G-TEST&gcs=G1${g}${g}` +
      `&gcd=13${granted ? "v3v3v3v" : "q3q3q3q"}5&en=page_view`;
  };
  const kit = {
    set(name, value) {
      document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; SameSite=Lax; Secure`;
    },
    tcf() {
      window.__tcfapi = (cmd, version, cb, id) => {
        const data = () => ({ tcString: "COtest", gdprApplies: true, cmpId: 10, eventStatus: tcfState.status,
          cmpStatus: "loaded", listenerId: 1, purpose: { consents: { ...tcfState.purposes } } });
        if (cmd === "addEventListener") { tcfState.listeners.push(cb); cb(data(), true); }
        else if (cmd === "getTCData") cb(data(), true);
        else if (cmd === "removeEventListener") cb(true);
      };
    },
    choose(yes) {
      if (kit.config.ignore === (yes ? "accept" : "reject")) return;
      kit.config.record(yes);
      for (const el of qa(kit.config.banner)) el.style.display = "none";
      tcfState.status = "useractioncomplete";
      tcfState.purposes = yes ? { 1: true, 2: true, 3: true, 4: true } : {};
      gtag("consent", "update", { ad_storage: yes || kit.config.leak ? "granted" : "denied",
        analytics_storage: yes || kit.config.leak ? "granted" : "denied" });
      collect(yes || !!kit.config.leak);
    },
    cmp(config) {
      kit.config = config;
      gtag("consent", "default", { ad_storage: config.leak ? "granted" : "denied",
        analytics_storage: config.leak ? "granted" : "denied" });
      if (config.leak) { tcfState.purposes = { 1: true }; collect(true); }
      const start = () => {
        if (config.shadow) {
          const host = document.querySelector(config.shadow);
          const tpl = host.querySelector("template");
          host.attachShadow({ mode: "open" }).appendChild(tpl.content.cloneNode(true));
        }
        for (const el of qa(config.root || config.banner)) el.style.display = "";
        document.addEventListener("click", (ev) => {
          const target = ev.composedPath()[0];
          const hit = (sel) => sel && target.closest && target.closest(sel);
          if (hit(config.accept)) kit.choose(true);
          else if (hit(config.reject)) kit.choose(false);
          for (const [opener, layer] of Object.entries(config.open || {})) {
            if (hit(opener)) for (const el of qa(layer)) { el.hidden = false; el.style.display = ""; }
          }
        }, true);
        if (config.ready) config.ready();
      };
      window.addEventListener("message", (ev) => {
        if (ev.data && typeof ev.data.choice === "boolean") kit.choose(ev.data.choice);
      });
      config.delay ? setTimeout(start, config.delay) : start();
    },
  };
  window.kit = kit;
})();
