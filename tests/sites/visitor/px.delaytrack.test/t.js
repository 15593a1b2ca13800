document.cookie = "_dlt=1; max-age=31536000; path=/";
new Image().src = "https://px.delaytrack.test/hit?e=pageview&u=" + encodeURIComponent(location.href);
