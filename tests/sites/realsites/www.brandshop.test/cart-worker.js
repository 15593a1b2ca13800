// A shared worker that syncs the cart across tabs and reports to a third party.
fetch("https://metrics.workerstats.test/w?kind=shared", { mode: "no-cors" });
fetch("https://sync.cartsync.test/sync?cart=1", { mode: "no-cors", credentials: "include" });
onconnect = function (event) { event.ports[0].postMessage("ready"); };
