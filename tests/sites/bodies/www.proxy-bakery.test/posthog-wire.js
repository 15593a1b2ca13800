/* What posthog-js sends through a reverse proxy at /ingest (its wire format, as its request
   code builds it): a capture batch {api_key, batch, sent_at} gzip-compressed in the browser
   (CompressionStream), posted as text/plain to a bare /e/ (no query: the gzip request drops it);
   then the flags call, its JSON base64-wrapped in a form field "data". */
(function () {
  "use strict";
  var token = "phc_BakeryProjectKey0123456789abcdefABCDEF";
  var key = "ph_" + token + "_posthog";
  var stored = JSON.parse(localStorage.getItem(key) || "{}");
  var distinctId = stored.distinct_id || "0190f3a2-" + Math.random().toString(16).slice(2, 14);
  localStorage.setItem(key, JSON.stringify({ distinct_id: distinctId }));
  var now = new Date().toISOString();
  var event = {
    uuid: "0190f3a2-7c1e-7000-8000-" + Math.random().toString(16).slice(2, 14),
    event: "$pageview",
    properties: { token: token, distinct_id: distinctId, $current_url: location.href,
                  $lib: "web", $lib_version: "1.260.0", $device_id: distinctId },
    timestamp: now,
  };
  var payload = JSON.stringify({ api_key: token, batch: [event], sent_at: now });
  var gzipped = new Blob([payload]).stream().pipeThrough(new CompressionStream("gzip"));
  new Response(gzipped).arrayBuffer().then(function (body) {
    return fetch("/ingest/e/", { method: "POST", headers: { "Content-Type": "text/plain" },
                                 body: body });
  }).then(function () {
    var flags = JSON.stringify({ token: token, distinct_id: distinctId, groups: {} });
    return fetch("/ingest/flags/?v=2", {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "data=" + encodeURIComponent(btoa(flags)),
    });
  });
})();
