// Sorting for tables and focus for the fact named in the address; the pages read without it.
(function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var numeric = th.dataset.type === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var u = numeric ? parseFloat(x.dataset.value || x.textContent) : x.textContent;
          var v = numeric ? parseFloat(y.dataset.value || y.textContent) : y.textContent;
          var c = numeric ? u - v : String(u).localeCompare(String(v), "zh-CN");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  function focusFact() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    document.querySelectorAll(".focus").forEach(function (e) { e.classList.remove("focus"); });
    el.classList.add("focus");
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", focusFact);
  focusFact();
})();
