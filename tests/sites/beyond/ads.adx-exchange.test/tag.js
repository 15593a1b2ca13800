/* AdX Exchange tag: syncs the ad id (third-party cookie) for bidders. */
(function () {
  "use strict";
  var pixel = new Image(1, 1);
  pixel.src = "https://ads.adx-exchange.test/sync?cb=" + Date.now();
  document.documentElement.setAttribute("data-adx", "loaded");
})();
