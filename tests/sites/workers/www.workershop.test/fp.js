// A fingerprinting library: a canvas fingerprint on an OffscreenCanvas (text in two colours,
// read back as PNG), sent to the vendor's collector.
function fingerprint(where) {
  var canvas = new OffscreenCanvas(240, 60);
  var ctx = canvas.getContext("2d");
  ctx.fillStyle = "#069";
  ctx.font = "11pt Arial";
  ctx.fillText("Cwm fjordbank gly \ud83d\ude03", 2, 15);
  ctx.fillStyle = "rgba(102, 204, 0, 0.2)";
  ctx.fillText("Cwm fjordbank gly \ud83d\ude03", 4, 45);
  return canvas.convertToBlob().then(function (blob) {
    return fetch("https://collect.fpvendor.test/c?from=" + where + "&size=" + blob.size, { mode: "no-cors" });
  });
}
