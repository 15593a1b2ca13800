// AcctTrack: reports the page view with a pixel that sets a third-party id for a year.
new Image().src = "https://metrics.acctrack.test/p.gif?page=" + encodeURIComponent(location.pathname);
