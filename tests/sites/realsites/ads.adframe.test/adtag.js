// An ad tag: counts its impression with a pixel of a verification vendor.
(function () {
  var img = new Image(1, 1);
  img.src = "https://px.adpixel.test/imp.gif?slot=top";
  document.getElementById("ad").appendChild(img);
})();
