// A dedicated worker: reports that it started, then takes a canvas fingerprint (text in two
// colours on an OffscreenCanvas, read back as PNG) and sends its size.
fetch("https://collect.fpvendor.test/c?from=dedicated&started=1", { mode: "no-cors" }).then(function () {
  var canvas = new OffscreenCanvas(240, 60);
  var ctx = canvas.getContext("2d");
  ctx.fillStyle = "#069";
  ctx.fillText("Dedicated fjordbank glyphs vext quiz", 2, 15);
  ctx.fillStyle = "rgba(102, 204, 0, 0.7)";
  ctx.fillText("Dedicated fjordbank glyphs vext quiz", 4, 17);
  return canvas.convertToBlob();
}).then(function (blob) {
  fetch("https://collect.fpvendor.test/c?from=dedicated&size=" + blob.size, { mode: "no-cors" });
});
