// The shop's own statistics keep a visitor id in IndexedDB through idb-keyval (the real
// library), and the theme by property assignment, which no write hook sees.
idbKeyval.set("visitor", "v-" + Math.random().toString(36).slice(2));
localStorage["ui_theme"] = "light";
