/* ReplayHub session replay (demo): rrweb-format snapshot, mutations and inputs (unmasked!), streamed. */
(function () {
  "use strict";
  var endpoint = "https://rec.replayhub.test/collect";
  var nextId = 1, ids = new WeakMap(), buffer = [];
  function idOf(node) {
    if (!ids.has(node)) { ids.set(node, nextId++); }
    return ids.get(node);
  }
  function serialise(node) {
    var out = { id: idOf(node) };
    if (node.nodeType === 9) { out.type = 0; }
    else if (node.nodeType === 1) {
      out.type = 2;
      out.tagName = node.tagName.toLowerCase();
      out.attributes = {};
      for (var i = 0; i < node.attributes.length; i++) {
        out.attributes[node.attributes[i].name] = node.attributes[i].value;
      }
    } else if (node.nodeType === 3) { out.type = 3; out.textContent = node.textContent; return out; }
    else { out.type = 5; return out; }
    out.childNodes = [];
    for (var c = node.firstChild; c; c = c.nextSibling) { out.childNodes.push(serialise(c)); }
    return out;
  }
  function emit(type, data) { buffer.push({ type: type, data: data, timestamp: Date.now() }); }
  function flush(beacon) {
    if (!buffer.length) { return; }
    var body = JSON.stringify({ site: location.hostname, events: buffer });
    buffer = [];
    if (beacon) { navigator.sendBeacon(endpoint, body); return; }
    fetch(endpoint, { method: "POST", mode: "no-cors", keepalive: true, body: body });
  }
  function start() {
    emit(4, { href: location.href, width: innerWidth, height: innerHeight });
    emit(2, { node: serialise(document), initialOffset: { left: 0, top: 0 } });
    new MutationObserver(function (records) {
      var adds = [];
      records.forEach(function (r) {
        r.addedNodes.forEach(function (n) { adds.push({ parentId: idOf(r.target), node: serialise(n) }); });
      });
      emit(3, { source: 0, adds: adds, removes: [], texts: [], attributes: [] });
    }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    document.addEventListener("input", function (e) {
      emit(3, { source: 5, id: idOf(e.target), text: e.target.value, isChecked: false });
    }, true);
    setInterval(flush, 1000);
    addEventListener("pagehide", function () { flush(true); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
