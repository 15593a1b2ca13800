/* Demo Shop consent banner. Stores the choice in the first-party cookie demo_consent.
   Deliberate problem b: the ad pixel is loaded once *a choice was made*, even "rejected". */
(function () {
  "use strict";
  var CONSENT_COOKIE = "demo_consent";
  var HALF_YEAR = 180 * 24 * 60 * 60;

  function readChoice() {
    var match = document.cookie.match(/(?:^|;\s*)demo_consent=([^;]*)/);
    return match ? match[1] : null;
  }

  function loadScript(src) {
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    document.head.appendChild(script);
  }

  function hideBanner() {
    var banner = document.getElementById("cookie-banner");
    if (banner) { banner.style.display = "none"; }
  }

  function applyChoice(choice) {
    if (choice) {  // BUG (deliberate): should be `choice === "accepted"`
      loadScript("https://ads.adnetwork.test/pixel.js");
    }
    if (choice === "accepted") {
      document.cookie = "lang=en; Max-Age=15552000; Path=/; SameSite=Lax; Secure";
    }
  }

  function choose(choice) {
    document.cookie = CONSENT_COOKIE + "=" + choice + "; Max-Age=" + HALF_YEAR +
      "; Path=/; SameSite=Lax; Secure";
    hideBanner();
    applyChoice(choice);
  }

  // The footer's "Cookie settings" link brings the banner back, to change the choice.
  var settings = document.getElementById("cookie-settings");
  if (settings) {
    settings.addEventListener("click", function (event) {
      event.preventDefault();
      var banner = document.getElementById("cookie-banner");
      if (banner) { banner.style.display = ""; }
    });
  }

  var stored = readChoice();
  if (stored) {
    hideBanner();
    applyChoice(stored);
    return;
  }
  document.getElementById("accept-all").addEventListener("click", function () { choose("accepted"); });
  document.getElementById("reject-all").addEventListener("click", function () { choose("rejected"); });
})();
