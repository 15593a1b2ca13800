document.cookie = "_late=1; max-age=31536000; path=/";
new Image().src = "https://tags.latetags.test/collect?t=timer";
