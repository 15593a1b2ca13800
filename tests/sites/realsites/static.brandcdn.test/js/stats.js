// The shop's own statistics: a visitor id for .brandshop.test, written before any choice.
(function () {
  if (document.cookie.indexOf("_bs_vid=") < 0) {
    var id = Math.random().toString(36).slice(2);
    document.cookie = "_bs_vid=" + id + "; domain=brandshop.test; max-age=31536000; path=/; secure; samesite=lax";
  }
})();
