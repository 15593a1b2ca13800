// A live-analytics tracker that never lets the network rest: a cookie sync, a heartbeat every
// 150 ms, a long-poll that answers after 15 s, an event stream and beacons.
(function () {
  var base = "https://live.busytracker.test";
  fetch(base + "/sync", { credentials: "include" });
  setInterval(function () { fetch(base + "/hb?t=" + Date.now(), { credentials: "include" }); }, 150);
  fetch(base + "/poll", { credentials: "include" });
  try { new EventSource(base + "/events", { withCredentials: true }); } catch (e) {}
  setInterval(function () { navigator.sendBeacon(base + "/beacon", "t=" + Date.now()); }, 300);
})();
