// A tracker: an identifier cookie and a page-view hit.
document.cookie = "_tc_uid=tc." + Date.now() + "; max-age=31536000; path=/; SameSite=Lax";
new Image().src = "https://px.trackco.test/collect?e=pageview";
