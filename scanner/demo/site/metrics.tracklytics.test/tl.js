/* Tracklytics web analytics (demo). Runs on every page, whatever the visitor chose:
   deliberate problem a — an analytics cookie set before consent, for 2 years — and the same
   visitor id kept in localStorage ("persistence"), before consent and after "reject all". */
(function () {
  "use strict";
  var TWO_YEARS = 63072000;
  var match = document.cookie.match(/(?:^|;\s*)_tl_id=([^;]*)/);
  var id = match ? match[1] : "TL1." + Math.random().toString(36).slice(2, 12) + "." + Date.now();
  document.cookie = "_tl_id=" + id + "; max-age=" + TWO_YEARS + "; path=/; SameSite=Lax; Secure";
  try { localStorage.setItem("tl_visitor", id); } catch (e) { /* storage blocked */ }
  var query = "v=1&cid=" + encodeURIComponent(id) +
    "&dl=" + encodeURIComponent(location.href) +
    "&dt=" + encodeURIComponent(document.title);
  var beacon = new Image(1, 1);
  beacon.src = "https://metrics.tracklytics.test/collect?" + query;
})();
