// cookiescan: the best-ranked visible consent-banner control whose text is one of `phrases`
// (under `roots` when given: the closed shadow roots DevTools reached; else the document).
({phrases, roots}) => {
  const norm = (s) => (s || "").toLowerCase().replace(/\s+/g, " ")
    .replace(/^[\s"'«»“”„‚‘’•·›»>✓✔×]+|[\s"'«»“”„‚‘’•·›»>✓✔×!.…:→]+$/g, "").trim();
  const bannerish = (el) => {
    for (let n = el, depth = 0; n && depth < 25; depth++) {
      if (n.nodeType === 1) {
        const st = getComputedStyle(n);
        const tag = `${n.id || ""} ${typeof n.className === "string" ? n.className : ""}`;
        if (st.position === "fixed" || st.position === "sticky") return true;
        if (/^(dialog|alertdialog)$/.test(n.getAttribute("role") || "") || n.tagName === "DIALOG") return true;
        if (/cookie|consent|gdpr|privacy|cmp|banner|notice|tracking/i.test(tag)) return true;
      }
      n = n.parentNode || (n.host ?? null);
    }
    return false;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none"
      && parseFloat(st.opacity || "1") > 0.05;
  };
  const queue = roots ? [...roots] : [document];
  for (let i = 0; i < queue.length; i++) {
    for (const el of queue[i].querySelectorAll("*")) if (el.shadowRoot) queue.push(el.shadowRoot);
  }
  const selector = "button, a, [role=button], input[type=button], input[type=submit], [onclick]";
  let best = null, bestRank = Infinity;
  for (const root of queue) {
    for (const el of root.querySelectorAll(selector)) {
      const texts = [el.innerText || el.value || "", el.getAttribute("aria-label") || ""].map(norm);
      const rank = Math.min(...texts.filter((t) => t.length <= 60)
        .map((t) => phrases.indexOf(t)).filter((i) => i >= 0));
      if (rank < bestRank && visible(el) && bannerish(el)) { best = el; bestRank = rank; }
    }
  }
  return best;
}
