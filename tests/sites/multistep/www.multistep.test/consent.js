/* Two-layer consent banner: "Accept all" | "Settings" → (300 ms later) "Reject all" | "Save". */
(function () {
  "use strict";
  var SIX_MONTHS = 180 * 24 * 60 * 60;

  function readChoice() {
    var match = document.cookie.match(/(?:^|;\s*)ms_consent=([^;]*)/);
    return match ? match[1] : null;
  }

  function loadWidget() {
    var frame = document.createElement("iframe");
    frame.src = "https://widgets.socialbox.test/widget";
    frame.title = "SocialBox";
    frame.width = "320";
    frame.height = "40";
    frame.style.border = "0";
    document.getElementById("social").appendChild(frame);
  }

  function choose(choice) {
    document.cookie = "ms_consent=" + choice + "; Max-Age=" + SIX_MONTHS + "; Path=/; SameSite=Lax; Secure";
    var banner = document.getElementById("ms-banner");
    banner.parentNode.removeChild(banner);
    if (choice === "accepted") { loadWidget(); }
  }

  function showSettings() {
    document.getElementById("ms-first-layer").style.display = "none";
    setTimeout(function () {
      var layer = document.createElement("div");
      layer.id = "ms-settings-layer";
      layer.innerHTML =
        "<p>Choose which cookies we may use.</p>" +
        "<label><input type='checkbox' id='ms-social'> Social media widgets</label>" +
        "<p><button type='button' id='ms-reject-all'>Reject all</button> " +
        "<button type='button' id='ms-save'>Save</button></p>";
      document.getElementById("ms-banner").appendChild(layer);
      document.getElementById("ms-reject-all").addEventListener("click", function () { choose("rejected"); });
      document.getElementById("ms-save").addEventListener("click", function () {
        choose(document.getElementById("ms-social").checked ? "accepted" : "rejected");
      });
    }, 300);
  }

  var stored = readChoice();
  if (stored) {
    var banner = document.getElementById("ms-banner");
    banner.parentNode.removeChild(banner);
    if (stored === "accepted") { loadWidget(); }
    return;
  }
  document.getElementById("ms-accept").addEventListener("click", function () { choose("accepted"); });
  document.getElementById("ms-settings").addEventListener("click", showSettings);
})();
