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
// The map of the compare page: provinces coloured by their figure, with the figure and its
// sentence on hover or tap. It needs the bundled ECharts; without it the table and bars stand.
(function () {
  var box = document.getElementById("map");
  if (!box || typeof echarts === "undefined") return;
  var rows = JSON.parse(box.dataset.rows || "[]");
  fetch("/assets/china.json").then(function (r) { return r.json(); }).then(function (geo) {
    echarts.registerMap("china", geo);
    var names = {};
    geo.features.forEach(function (f) { names[f.properties.id || f.id] = f.properties.name; });
    var data = rows.filter(function (r) { return names[r.code]; }).map(function (r) {
      return { name: names[r.code], value: r.value, row: r };
    });
    var values = data.map(function (d) { return d.value; });
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    if (!(max > min)) { min = (min || 0) - 1; max = (max || 0) + 1; }
    var wide = box.clientWidth >= 600;
    var esc = function (s) {
      return String(s).replace(/[&<>"']/g, function (c) {
        return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
      });
    };
    var chart = echarts.init(box);
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item", confine: true, enterable: true, triggerOn: "mousemove|click",
        extraCssText: "max-width: 22rem; white-space: normal;",
        formatter: function (p) {
          if (!p.data) return esc(p.name) + ": no figure";
          var r = p.data.row;
          return "<b>" + esc(r.region) + " " + esc(r.label) + "</b>" + (r.conflict ? " ⚠" : "") +
            "<br>" + esc(r.sentence) + "<br><a href=\"" + esc(r.href) + "\">" + esc(r.document) + "</a>";
        }
      },
      visualMap: {
        min: min, max: max, calculable: false, orient: wide ? "vertical" : "horizontal",
        left: wide ? "left" : "center", bottom: 0, text: ["high", "low"], precision: 2,
        inRange: { color: ["#dbe9f6", "#7fb0dc", "#2f6fb3", "#153e75"] }
      },
      series: [{
        type: "map", map: "china", roam: false, data: data,
        top: 10, bottom: wide ? 10 : 50,
        itemStyle: { areaColor: "#e6e6e6", borderColor: "#ffffff", borderWidth: 0.8 },
        emphasis: { itemStyle: { areaColor: "#c0392b" }, label: { show: true } },
        label: {
          show: wide, fontSize: 10, color: "#1d2433",
          formatter: function (p) { return p.data ? p.data.row.label : ""; }
        }
      }]
    });
    box.dataset.drawn = data.length;
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
