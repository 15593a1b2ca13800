/* DeviceCheck "fraud check" (demo): a canvas, WebGL and audio fingerprint of the browser, sent home. */
(function () {
  "use strict";
  var parts = [];
  var canvas = document.createElement("canvas");
  canvas.width = 220;
  canvas.height = 40;
  var ctx = canvas.getContext("2d");
  ctx.textBaseline = "top";
  ctx.font = "14px Arial";
  ctx.fillStyle = "#f60";
  ctx.fillRect(60, 1, 62, 20);
  ctx.fillStyle = "#069";
  ctx.fillText("DeviceCheck <canvas> 1.0", 2, 15);
  ctx.fillStyle = "rgba(102, 204, 0, 0.7)";
  ctx.fillText("DeviceCheck <canvas> 1.0", 4, 17);
  parts.push(canvas.toDataURL());
  var gl = document.createElement("canvas").getContext("webgl");
  var info = gl && gl.getExtension("WEBGL_debug_renderer_info");
  if (info) {
    parts.push(gl.getParameter(info.UNMASKED_VENDOR_WEBGL), gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
  }
  function hash(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) { h = (h * 31 + text.charCodeAt(i)) | 0; }
    return (h >>> 0).toString(16);
  }
  function send(audio) {
    parts.push(String(audio));
    new Image(1, 1).src = "https://fp.devicecheck.test/c.gif?id=" + hash(parts.join("|"));
  }
  var Offline = window.OfflineAudioContext;
  if (!Offline) { send(""); return; }
  var audio = new Offline(1, 5000, 44100);
  var oscillator = audio.createOscillator();
  oscillator.type = "triangle";
  oscillator.frequency.value = 10000;
  var compressor = audio.createDynamicsCompressor();
  oscillator.connect(compressor);
  compressor.connect(audio.destination);
  oscillator.start(0);
  audio.startRendering().then(function (buffer) {
    var samples = buffer.getChannelData(0), sum = 0;
    for (var i = 4500; i < 5000; i++) { sum += Math.abs(samples[i]); }
    send(sum);
  });
})();
