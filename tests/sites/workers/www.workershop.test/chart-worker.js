// Draws a labelled bar chart on an OffscreenCanvas and hands it over as a bitmap: no read-back.
var canvas = new OffscreenCanvas(400, 200);
var ctx = canvas.getContext("2d");
var bars = [["Mon", 12], ["Tue", 19], ["Wed", 7], ["Thu", 15], ["Fri", 22]];
bars.forEach(function (bar, i) {
  ctx.save();
  ctx.fillStyle = i % 2 ? "#36a2eb" : "#ff6384";
  ctx.fillRect(20 + i * 70, 180 - bar[1] * 7, 50, bar[1] * 7);
  ctx.fillStyle = "#333";
  ctx.font = "12px sans-serif";
  ctx.fillText(bar[0] + " " + bar[1], 22 + i * 70, 195);
  ctx.restore();
});
postMessage(canvas.transferToImageBitmap());
