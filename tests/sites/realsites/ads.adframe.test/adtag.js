// An ad tag: once the ad is in view (viewability), counts the impression with a verification
// vendor's pixel, sent with fetch (keepalive) as most tags now do.
(function () {
  var slot = document.getElementById("ad");
  var seen = false;
  new IntersectionObserver(function (entries) {
    if (seen || !entries.some(function (e) { return e.isIntersecting; })) return;
    seen = true;
    fetch("https://px.adpixel.test/imp.gif?slot=top", { mode: "no-cors", keepalive: true, credentials: "include" });
    slot.textContent = "Ad (counted)";
  }).observe(slot);
})();
