// A dedicated worker that builds a search index and reports its timing to a third party.
fetch("https://metrics.workerstats.test/w?kind=dedicated", { mode: "no-cors" });
onmessage = () => {
  fetch("https://metrics.workerstats.test/w?kind=dedicated&when=loaded", { mode: "no-cors" });
};
