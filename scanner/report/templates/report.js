"use strict";
(function () {
  function text(row, i) {
    var cell = row.cells[i];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent || "").trim() : "";
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) { return x - y; }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }
  function sortBy(table, th, index) {
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var order = compare(text(a, index), text(b, index));
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function makeSortable(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  }
  function makeFilter(input) {
    var target = document.getElementById(input.getAttribute("data-filter"));
    var shown = document.querySelector('[data-shown-for="' + input.getAttribute("data-filter") + '"]');
    if (!target) { return; }
    var rows = Array.prototype.slice.call(target.querySelectorAll("tbody tr"));
    function apply() {
      var query = input.value.trim().toLowerCase(), visible = 0;
      rows.forEach(function (row) {
        var match = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
        row.hidden = !match;
        if (match) { visible += 1; }
      });
      if (shown) { shown.textContent = visible + " of " + rows.length + " shown"; }
    }
    input.addEventListener("input", apply);
    input.closest(".filter").hidden = false;
    apply();
  }
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("input[data-filter]").forEach(makeFilter);
  document.documentElement.setAttribute("data-script", "ready");
})();
