/* A US-style consent manager: "Accept all" | "Reject all" kept in bc_consent, with the CCPA
   US Privacy API (__uspapi) and GPP (__gpp ping with the usnat section). The ad tag loads when
   the visitor has not opted out: no GPC and no reject, or after "accept" — unless the page says
   data-gpc-after-accept="honour", in which case GPC wins over an accept too. */
(function () {
  "use strict";
  var me = document.currentScript;
  var honour = me && me.getAttribute("data-gpc-after-accept") === "honour";
  var gpc = navigator.globalPrivacyControl === true;
  var stored = (/(?:^|;\s*)bc_consent=([a-z]+)/.exec(document.cookie) || [])[1] || "";
  function optedOut() {
    if (stored === "rejected") { return true; }
    if (stored === "accepted") { return gpc && honour; }
    return gpc;
  }
  function usp() { return optedOut() ? "1YYN" : "1YNN"; }
  window.__uspapi = function (command, version, callback) {
    if (command === "getUSPData") { callback({ version: 1, uspString: usp() }, true); }
  };
  window.__gpp = function (command, callback) {
    if (command !== "ping") { return null; }
    var ping = {
      gppString: optedOut() ? "DBABLA~BVQVAAAAAgA.QA" : "DBABLA~BVQqAAAAAgA.QA",
      applicableSections: [7],
      parsedSections: { usnat: [{ SaleOptOut: optedOut() ? 1 : 2, SharingOptOut: optedOut() ? 1 : 2, Gpc: gpc }] }
    };
    if (callback) { callback(ping, true); }
    return ping;
  };
  var loaded = false;
  function loadAds() {
    if (loaded || optedOut()) { return; }
    loaded = true;
    var tag = document.createElement("script");
    tag.src = "https://ads.adx-exchange.test/tag.js";
    document.head.appendChild(tag);
  }
  loadAds();
  if (stored) { return; }
  var banner = document.createElement("div");
  banner.id = "bc-banner";
  banner.setAttribute("role", "dialog");
  banner.setAttribute("aria-label", "Your privacy choices");
  banner.innerHTML = "<p>We share data with advertising partners. " +
    "<button type='button' id='bc-accept'>Accept all</button> " +
    "<button type='button' id='bc-reject'>Reject all</button></p>";
  document.body.appendChild(banner);
  function choose(choice) {
    stored = choice;
    document.cookie = "bc_consent=" + choice + "; Max-Age=31536000; Path=/; SameSite=Lax; Secure";
    banner.parentNode.removeChild(banner);
    loadAds();
  }
  document.getElementById("bc-accept").addEventListener("click", function () { choose("accepted"); });
  document.getElementById("bc-reject").addEventListener("click", function () { choose("rejected"); });
})();
