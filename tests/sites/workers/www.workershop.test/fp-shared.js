// A cart-sync shared worker: on each sync a page asks for, it reads the core count and takes
// a canvas fingerprint.
onconnect = function (event) {
  event.ports[0].onmessage = function () {
    var canvas = new OffscreenCanvas(220, 50);
    var ctx = canvas.getContext("2d");
    ctx.fillStyle = "#f60";
    ctx.fillText("Shared worker fjordbank gly", 2, 15);
    ctx.fillStyle = "#0a3";
    ctx.fillText("Shared worker fjordbank gly", 3, 16);
    var cores = navigator.hardwareConcurrency;
    canvas.convertToBlob().then(function (blob) {
      fetch("https://collect.fpvendor.test/c?from=shared&cores=" + cores + "&size=" + blob.size + "&t=" + Date.now(), { mode: "no-cors" });
    });
  };
};
