// A minimal consent banner: the choice is a first-party cookie, the banner hides after it.
(function () {
  function choose(value) {
    document.cookie = "consent=" + value + "; Path=/; Max-Age=15552000; SameSite=Lax; Secure";
    document.getElementById("banner").hidden = true;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var banner = document.getElementById("banner");
    if (document.cookie.split("; ").some(function (c) { return c.indexOf("consent=") === 0; })) {
      banner.hidden = true;
      return;
    }
    banner.hidden = false;
    document.getElementById("accept").addEventListener("click", function () { choose("accepted"); });
    document.getElementById("reject").addEventListener("click", function () { choose("rejected"); });
  });
})();
