/* A live-chat widget as such widgets work: a WebSocket to the vendor from the first page view,
   a visitor id sent at once (no consent asked), and the visitor's draft sent as it is typed. */
(function () {
  "use strict";
  var visitor = localStorage.getItem("cs_visitor") || "v-" + Math.random().toString(36).slice(2);
  localStorage.setItem("cs_visitor", visitor);
  var socket = new WebSocket("wss://live.chat-socket.test/socket?site=channel-shop");
  socket.addEventListener("open", function () {
    socket.send(JSON.stringify({ type: "hello", visitor_id: visitor, page: location.href }));
    var box = document.getElementById("chat-draft");
    if (box) {
      box.addEventListener("input", function () {
        socket.send(JSON.stringify({ type: "typing", visitor_id: visitor, draft: box.value }));
      });
    }
  });
})();
