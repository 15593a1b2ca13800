// An ad tag: counts the impression with a verification vendor's pixel, as most tags now do,
// with fetch (keepalive) rather than an image.
fetch("https://px.adpixel.test/imp.gif?slot=top", { mode: "no-cors", keepalive: true, credentials: "include" });
document.getElementById("ad").textContent = "Ad (counted)";
