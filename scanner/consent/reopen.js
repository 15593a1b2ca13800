// cookiescan: a visible control that reopens the consent settings after the choice: a consent
// manager's floating button (its own selector) or a button / link worded like "cookie settings".
({selectors, words}) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.display !== "none"
      && parseFloat(st.opacity || "1") > 0.05;
  };
  const queue = [document];
  for (let i = 0; i < queue.length; i++) {
    for (const el of queue[i].querySelectorAll("*")) if (el.shadowRoot) queue.push(el.shadowRoot);
  }
  for (const root of queue) {
    for (const selector of selectors) {
      for (const el of root.querySelectorAll(selector)) if (visible(el)) return el;
    }
  }
  const controls = "a, button, [role=button], [onclick]";
  for (const root of queue) {
    for (const el of root.querySelectorAll(controls)) {
      const text = [el.innerText, el.getAttribute("aria-label"), el.getAttribute("title")]
        .map((t) => (t || "").toLowerCase().replace(/\s+/g, " ").trim()).filter((t) => t && t.length <= 60);
      if (text.some((t) => words.some((w) => t.includes(w))) && visible(el)) return el;
    }
  }
  return null;
}
