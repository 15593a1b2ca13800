/* Identifies the browser with FingerprintJS (open source, no network: monitoring off). */
(function () {
  "use strict";
  FingerprintJS.load({ monitoring: false })
    .then(function (agent) { return agent.get(); })
    .then(function (result) {
      document.documentElement.setAttribute("data-visitor", result.visitorId);
      var out = document.getElementById("visitor");
      if (out) { out.textContent = "Visitor " + result.visitorId; }
    });
})();
