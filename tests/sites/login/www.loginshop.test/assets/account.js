// Account pages only: load AcctTrack, unless the site gates it on consent (assets/gate.js).
(function () {
  var accepted = document.cookie.split("; ").indexOf("consent=accepted") >= 0;
  if (window.GATE_TRACKER && !accepted) return;
  var script = document.createElement("script");
  script.src = "https://metrics.acctrack.test/t.js";
  document.head.appendChild(script);
})();
