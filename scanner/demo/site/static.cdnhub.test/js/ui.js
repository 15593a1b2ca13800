/* CDNHub-hosted shop UI helpers (demo): sets no cookies and no storage. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var year = document.getElementById("year");
    if (year) { year.textContent = String(new Date().getFullYear()); }
    var buttons = document.querySelectorAll("[data-add-to-basket]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        button.textContent = "Added to basket";
        button.disabled = true;
      });
    });
  });
})();
