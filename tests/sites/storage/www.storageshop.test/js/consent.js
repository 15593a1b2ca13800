// The shop's consent banner: it records the choice, and does nothing else on "reject".
(function () {
  if (document.cookie.indexOf("ss_consent=") >= 0) return;
  var banner = document.createElement("div");
  banner.id = "ss-banner";
  banner.innerHTML = '<p>We use cookies and similar storage.</p>' +
    '<button id="ss-accept">Accept all</button><button id="ss-reject">Reject all</button>';
  document.body.appendChild(banner);
  function choose(value) {
    document.cookie = "ss_consent=" + value + "; max-age=15552000; path=/; secure; samesite=lax";
    banner.remove();
  }
  document.getElementById("ss-accept").onclick = function () { choose("accepted"); };
  document.getElementById("ss-reject").onclick = function () { choose("rejected"); };
})();
