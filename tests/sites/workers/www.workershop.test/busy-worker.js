// Ends itself as soon as it has asked for a pixel.
fetch("https://collect.fpvendor.test/c?from=busy", { mode: "no-cors" }).finally(function () { self.close(); });
