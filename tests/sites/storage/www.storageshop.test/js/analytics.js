// Mixpanel (the real library) keeping its visitor id in localStorage ("persistence"), loaded
// before any consent choice and never stopped on "reject".
mixpanel.init("storageshop-token", {
  api_host: "https://api.mixtrack.test",
  persistence: "localStorage",
  batch_flush_interval_ms: 600000,
  ip: false,
});
