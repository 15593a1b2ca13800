/* One-layer consent banner: "Accept all" | "Reject all"; the choice is kept in bc_consent. */
(function () {
  "use strict";
  if (/(?:^|;\s*)bc_consent=/.test(document.cookie)) { return; }
  var banner = document.createElement("div");
  banner.id = "bc-banner";
  banner.setAttribute("role", "dialog");
  banner.setAttribute("aria-label", "Cookie consent");
  banner.innerHTML = "<p>We use cookies. <button type='button' id='bc-accept'>Accept all</button> " +
    "<button type='button' id='bc-reject'>Reject all</button></p>";
  document.body.appendChild(banner);
  function choose(choice) {
    document.cookie = "bc_consent=" + choice + "; Max-Age=31536000; Path=/; SameSite=Lax; Secure";
    banner.parentNode.removeChild(banner);
  }
  document.getElementById("bc-accept").addEventListener("click", function () { choose("accepted"); });
  document.getElementById("bc-reject").addEventListener("click", function () { choose("rejected"); });
})();
