/* Mixpanel's SDK behind a reverse proxy at /t with renamed routes, as Mixpanel documents for
   getting past ad blockers: no path of Mixpanel's is left in the URL, only the body tells. */
(function () {
  "use strict";
  mixpanel.init("fedcba9876543210fedcba9876543210", {
    api_host: "https://www.proxy-bakery.test/t",
    api_routes: { track: "px/", engage: "pp/", groups: "gp/", record: "rp/", flags: "fl/",
                  settings: "st/" },
    track_pageview: true, persistence: "localStorage",
  });
  mixpanel.track("Viewed breads");
})();
