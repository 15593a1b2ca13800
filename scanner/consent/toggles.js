// cookiescan: the purpose toggles (checkboxes, switches) of a visible consent layer, as rendered
// now: label, id and name, checked, disabled. Read before anything is saved.
(args, roots) => {
  const up = (n) => n.parentElement || (n.parentNode && n.parentNode.host) || null;
  const bannerish = (el) => {
    for (let n = el, d = 0; n && d < 25; d++, n = up(n)) {
      const st = getComputedStyle(n);
      const tag = `${n.id || ""} ${typeof n.className === "string" ? n.className : ""}`;
      if (st.position === "fixed" || st.position === "sticky" || n.tagName === "DIALOG") return true;
      if (/^(dialog|alertdialog)$/.test(n.getAttribute("role") || "")) return true;
      if (/cookie|consent|gdpr|privacy|cmp|banner|notice|purpose|tracking/i.test(tag)) return true;
    }
    return false;
  };
  const shown = (el) => {
    for (let n = el, d = 0; n && d < 3; d++, n = up(n)) {
      const r = n.getBoundingClientRect(), st = getComputedStyle(n);
      if (r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none") return true;
    }
    return false;
  };
  const words = (s) => (s || "").replace(/\s+/g, " ").trim();
  const labelOf = (el) => {
    const own = words((el.labels && el.labels[0] && el.labels[0].innerText) || el.getAttribute("aria-label"));
    if (own) return own;
    const by = el.getAttribute("aria-labelledby");
    const node = by && el.getRootNode().getElementById && el.getRootNode().getElementById(by);
    if (node) return words(node.innerText);
    for (let n = up(el), d = 0; n && d < 4; d++, n = up(n)) {
      const t = words(n.innerText);
      if (t) return t;
    }
    return "";
  };
  const queue = roots.length ? [...roots] : [document];
  for (let i = 0; i < queue.length; i++) {
    for (const el of queue[i].querySelectorAll("*")) if (el.shadowRoot) queue.push(el.shadowRoot);
  }
  const out = [];
  for (const root of queue) {
    for (const el of root.querySelectorAll("input[type=checkbox], [role=switch], [role=checkbox]")) {
      if (!shown(el) || !bannerish(el)) continue;
      const aria = el.getAttribute("aria-checked");
      out.push({label: labelOf(el).slice(0, 120),
        name: `${el.id || ""} ${el.getAttribute("name") || ""}`.slice(0, 120),
        checked: el.tagName === "INPUT" ? el.checked : aria === "true",
        disabled: !!el.disabled || el.getAttribute("aria-disabled") === "true"});
      if (out.length >= 60) return out;
    }
  }
  return out;
}
