// Mixpanel (the real library) sending to a local endpoint: events are batched and only
// flushed when the page is hidden or left, with navigator.sendBeacon.
mixpanel.init("brandshop-token", {
  api_host: "https://api.mixtrack.test",
  persistence: "localStorage",
  batch_flush_interval_ms: 600000,
  track_pageview: true,
  ip: false,
});
