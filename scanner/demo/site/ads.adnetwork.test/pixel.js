/* AdNetwork conversion pixel (demo): user sync request plus a hidden sync frame. */
(function () {
  "use strict";
  if (window.__adnLoaded) { return; }
  window.__adnLoaded = true;
  var sync = new Image(1, 1);
  sync.src = "https://ads.adnetwork.test/sync?pid=demo-shop&cb=" + Date.now();
  var frame = document.createElement("iframe");
  frame.src = "https://ads.adnetwork.test/frame.html";
  frame.title = "AdNetwork sync";
  frame.setAttribute("aria-hidden", "true");
  frame.style.cssText = "position:absolute;left:-9999px;width:1px;height:1px;border:0";
  document.body.appendChild(frame);
})();
