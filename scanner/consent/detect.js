// cookiescan: keys of the CMP rules whose selectors or globals are present in this frame.
(rules) => {
  const roots = [document];
  for (let i = 0; i < roots.length && i < 100; i++) {
    for (const el of roots[i].querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const has = (sel) => roots.some((r) => { try { return !!r.querySelector(sel); } catch (e) { return false; } });
  const defined = (name) => { try { return typeof window[name] !== "undefined"; } catch (e) { return false; } };
  return rules.filter((r) => r.detect.some(has) || r.globals.some(defined)).map((r) => r.key);
}
