// The shop's consent banner. On "reject" it tries to remove the statistics cookie, but with
// the wrong attributes (no domain), so the cookie written for .brandshop.test stays: a
// mistake real consent managers make.
(function () {
  if (document.cookie.indexOf("bs_consent=") >= 0) return;
  var banner = document.createElement("div");
  banner.id = "bs-banner";
  banner.innerHTML = '<p>We use cookies.</p><button id="bs-accept">Accept all</button>' +
    '<button id="bs-reject">Reject all</button>';
  document.body.appendChild(banner);
  function choose(value) {
    document.cookie = "bs_consent=" + value + "; max-age=15552000; path=/; secure; samesite=lax";
    if (value === "rejected") {
      document.cookie = "_bs_vid=; max-age=0; path=/";
    }
    banner.remove();
  }
  document.getElementById("bs-accept").onclick = function () { choose("accepted"); };
  document.getElementById("bs-reject").onclick = function () { choose("rejected"); };
})();
