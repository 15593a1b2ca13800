/* Retargetly tag (demo): syncs a retargeting id, whatever the visitor's Global Privacy Control says. */
(function () {
  "use strict";
  new Image(1, 1).src = "https://tag.retargetly.test/sync?cb=" + Date.now();
})();
