/* Draws the monthly sales bar chart with chart.js (default options: legend, labels, animation). */
(function () {
  "use strict";
  var chart = new Chart(document.getElementById("sales"), {
    type: "bar",
    data: {
      labels: ["January", "February", "March", "April", "May", "June"],
      datasets: [
        { label: "Tea", data: [12, 19, 3, 5, 2, 3], backgroundColor: "#36a2eb" },
        { label: "Cups", data: [7, 11, 5, 8, 3, 7], backgroundColor: "#ff6384" },
      ],
    },
  });
  document.documentElement.setAttribute("data-chart", String(chart.id));
})();
