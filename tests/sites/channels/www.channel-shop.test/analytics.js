/* The site's analytics, both routed through its own domain as the vendors document it:
   Mixpanel's SDK through a reverse proxy at /mp, GA4 hits to a server-side tagging subdomain. */
(function () {
  "use strict";
  mixpanel.init("0123456789abcdef0123456789abcdef", {
    api_host: "https://www.channel-shop.test/mp", track_pageview: true, persistence: "localStorage",
  });
  mixpanel.track("Viewed shop");
  var cid = "1234567890." + Math.floor(Date.now() / 1000);
  var hit = "https://sgtm.channel-shop.test/g/collect?v=2&tid=G-CHANNEL01&gtm=45je&_p=1&cid=" +
    cid + "&ul=en-us&sr=1280x720&en=page_view&dl=" + encodeURIComponent(location.href) +
    "&dt=" + encodeURIComponent(document.title);
  fetch(hit, { method: "POST", mode: "no-cors", keepalive: true });
})();
