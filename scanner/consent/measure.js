// cookiescan: measure (and outline) the banner's accept / reject / settings controls: shape,
// rendered area, WCAG contrast of the label and of the fill or border, font weight and size.
(args, roots, find) => {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const up = (n) => n.parentElement || (n.parentNode && n.parentNode.host) || null;
  const behind = (el) => {
    const layers = [];
    for (let n = up(el); n; n = up(n)) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return Math.round(((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)) * 100) / 100;
  };
  const measure = (el, role) => {
    const st = getComputedStyle(el), r = el.getBoundingClientRect(), back = behind(el);
    const raw = parse(st.backgroundColor);
    const own = raw && raw[3] > 0 ? over(raw, back) : back;
    const fg = parse(st.color) || [0, 0, 0, 1];
    let boundary = ratio(own, back);
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      const colour = parse(st[`border${side}Color`]);
      if (parseFloat(st[`border${side}Width`]) >= 1 && st[`border${side}Style`] !== "none"
          && colour && colour[3] > 0) boundary = Math.max(boundary, ratio(over(colour, back), back));
    }
    const tag = el.tagName.toLowerCase();
    const linkish = tag === "a" || el.getAttribute("role") === "link" || st.display === "inline"
      || /underline/.test(st.textDecorationLine || "");
    const shape = boundary >= args.shapeContrast ? "button" : linkish ? "link" : "text";
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim();
    return {role, layer: args.layer, text: text.slice(0, 80), tag, shape,
      area: Math.round(r.width * r.height), text_contrast: ratio(over(fg, own), own),
      boundary_contrast: boundary, font_weight: parseInt(st.fontWeight, 10) || 400,
      font_size: Math.round(parseFloat(st.fontSize) * 100) / 100};
  };
  const key = Symbol.for("cookiescan.outlined");
  const outlined = (window[key] = window[key] || []);
  const colours = {accept: "#d6007a", reject: "#0077cc", settings: "#e07b00"};
  const seen = new Set(), out = [];
  for (const [role, phrases] of Object.entries(args.roles)) {
    const el = find({phrases, roots: roots.length ? roots : undefined});
    if (!el || seen.has(el)) continue;
    seen.add(el);
    out.push(measure(el, role));
    if (args.outline) {
      outlined.push([el, el.style.outline, el.style.outlineOffset]);
      el.style.outline = `3px solid ${colours[role] || "#d6007a"}`;
      el.style.outlineOffset = "2px";
    }
  }
  return out;
}
