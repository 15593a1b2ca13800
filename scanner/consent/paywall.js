// cookiescan: the text of the banner around the accept control, and its controls' texts,
// to tell a pay-or-accept wall (accept, or subscribe / pay) from a banner with a refusal.
(args, roots, find) => {
  const el = find({phrases: args.accept, roots: roots.length ? roots : undefined});
  if (!el) return null;
  const up = (n) => n.parentElement || (n.parentNode && n.parentNode.host) || null;
  const words = (s) => (s || "").replace(/\s+/g, " ").trim();
  let box = el;
  for (let n = el, d = 0; n && d < 25; d++, n = up(n)) {
    const st = getComputedStyle(n);
    box = n;
    if (st.position === "fixed" || st.position === "sticky" || n.tagName === "DIALOG"
        || /^(dialog|alertdialog)$/.test(n.getAttribute("role") || "")) break;
  }
  const controls = [...box.querySelectorAll("a, button, [role=button], input[type=submit], input[type=button]")]
    .map((c) => words(c.innerText || c.value || c.getAttribute("aria-label"))).filter(Boolean).slice(0, 20);
  return {text: words(box.innerText).slice(0, 600), controls: controls.map((c) => c.slice(0, 120)),
    accept: words(el.innerText || el.value).slice(0, 80)};
}
