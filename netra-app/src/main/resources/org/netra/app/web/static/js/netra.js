// netra's only script of its own: charts from data attributes (the CSP forbids inline script).
"use strict";
function netraCharts(root) {
  if (typeof Chart === "undefined") return;
  root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (canvas.dataset.drawn) return;
    var spec = JSON.parse(canvas.dataset.chart);
    canvas.dataset.drawn = "yes";
    // one series (values) or several (datasets: label, values or xy points, type, color, dashed, stepped, radius)
    var many = Array.isArray(spec.datasets);
    var datasets = many ? spec.datasets.map(function (d, i) {
      var color = d.color || ["#1d5c7a", "#c2571a", "#3b8a3e", "#7a3b8a"][i % 4];
      // a confidence band fills to the dataset before it (fillColor); censoring marks are points without a line
      return { type: d.type || spec.type || "line", label: d.label, data: d.points || d.values, borderColor: color,
        backgroundColor: d.fillColor || (d.type === "bar" ? (d.color || "rgba(29, 92, 122, 0.55)") : color),
        fill: d.fillColor ? "-1" : false, tension: 0, borderWidth: d.fillColor || d.thin ? 0.5 : 2,
        showLine: !d.marks, pointStyle: d.marks ? "line" : "circle", rotation: d.marks ? 90 : 0,
        netraLegend: d.legend !== false,
        stepped: d.stepped ? "before" : false, pointRadius: d.radius != null ? d.radius : (d.stepped ? 0 : 2), borderDash: d.dashed ? [6, 4] : [] };
    }) : [{ label: spec.title, data: spec.values, borderColor: "#1d5c7a",
        backgroundColor: "rgba(29, 92, 122, 0.12)", fill: true, tension: 0.25, pointRadius: 2 }];
    var linear = many && spec.datasets.some(function (d) { return d.points; });
    new Chart(canvas, {
      type: spec.type || "line",
      data: linear ? { datasets: datasets } : { labels: spec.labels, datasets: datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: many, labels: { boxWidth: 12,
          // a region's integrated curve shares its measured points' colour: one legend entry per region
          filter: function (item, data) {
            return data.datasets[item.datasetIndex].netraLegend !== false && !/ integrated$/.test(item.text); } } } },
        scales: { x: { stacked: many && !linear, type: linear ? "linear" : "category", title: { display: true, text: spec.xLabel } },
          y: { type: spec.yLog ? "logarithmic" : "linear", title: { display: true, text: spec.yLabel }, beginAtZero: !spec.yLog,
            // a log axis labels its powers of ten only
            ticks: spec.yLog ? { callback: function (v) { var l = Math.log10(v); return Math.abs(l - Math.round(l)) < 1e-9 ? String(v) : ""; } } : {} } } }
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { netraCharts(document); });
document.addEventListener("htmx:afterSwap", function (e) { netraCharts(e.target); });

// Imaging viewer: sliders and the mouse wheel pick slices; the layer boxes and windows redraw every panel and
// colour bar; the values under the cursor come from the server (no pixels leave it).
function netraViewer(root) {
  var form = root.querySelector("form[data-viewer]");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "yes";
  var base = form.dataset.viewer;
  var valueUrl = form.dataset.value;
  function windows() {
    var q = "";
    ["ct", "scale"].forEach(function (name) {
      var select = form.querySelector("select[name=" + name + "]");
      if (select) q += "&" + name + "=" + encodeURIComponent(select.value);
    });
    return q;
  }
  function layers() {
    var q = "";
    ["fusion", "voi", "dose"].forEach(function (name) {
      var box = form.querySelector("input[name=" + name + "]");
      q += "&" + name + "=" + (box && box.checked ? "1" : "0");
    });
    // on the MIP the server draws the outlines of the dose MIP: where the ray meets that dose or more
    var isodose = form.querySelector("select[name=isodose]");
    if (isodose && isodose.value) q += "&isodose=" + encodeURIComponent(isodose.value);
    return q + windows();
  }
  function draw(panel) {
    var img = panel.querySelector("img");
    var range = panel.querySelector("input[type=range]");
    var q = "?plane=" + panel.dataset.plane;
    q += panel.dataset.mip === "true" ? "&mip=true" : "&slice=" + range.value;
    img.src = base + q + layers();
    if (range) panel.querySelector("output").textContent = (Number(range.value) + 1) + " / " + (Number(range.max) + 1);
  }
  function bars() {
    root.querySelectorAll("img.colour-bar").forEach(function (bar) {
      bar.src = base.replace(/\/render$/, "/colourbar") + "?layer=" + bar.dataset.layer + windows();
    });
  }
  var readout = root.querySelector("#readout");
  var pending = null;
  var busy = false;
  function number(v, digits) {
    return v === null || v === undefined ? null : Number(v).toLocaleString("en", { maximumSignificantDigits: digits });
  }
  function read() {
    if (busy || !pending) return;
    var ask = pending;
    pending = null;
    busy = true;
    fetch(ask, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (v) {
          var parts = ["voxel (" + v.i + ", " + v.j + ", " + v.k + ")", number(v.bqPerMl, 4) + " Bq/mL"];
          if (v.suv !== null && v.suv !== undefined) parts.push("SUV " + number(v.suv, 3));
          if (v.gy !== null && v.gy !== undefined) parts.push(number(v.gy, 3) + " Gy");
          if (v.hu !== null && v.hu !== undefined) parts.push(Math.round(v.hu) + " HU");
          readout.textContent = parts.join(" · ");
        }
      })
      .finally(function () { busy = false; read(); });
  }
  var panels = root.querySelectorAll(".panel");
  panels.forEach(function (panel) {
    var range = panel.querySelector("input[type=range]");
    if (range) {
      var img = panel.querySelector("img");
      range.addEventListener("input", function () { draw(panel); });
      img.addEventListener("wheel", function (e) {
        e.preventDefault();
        range.value = Number(range.value) + (e.deltaY > 0 ? -1 : 1);
        draw(panel);
      }, { passive: false });
      img.addEventListener("mousemove", function (e) {
        var box = img.getBoundingClientRect();
        var u = Math.min(0.9999, Math.max(0, (e.clientX - box.left) / box.width));
        var v = Math.min(0.9999, Math.max(0, (e.clientY - box.top) / box.height));
        pending = valueUrl + "?plane=" + panel.dataset.plane + "&slice=" + range.value + "&u=" + u.toFixed(4) + "&v=" + v.toFixed(4);
        read();
      });
    }
    // the page's own images already show the form's defaults: no second request for each
  });
  form.addEventListener("change", function () { panels.forEach(draw); bars(); });
}
document.addEventListener("DOMContentLoaded", function () { netraViewer(document); });

// Printable sheets: a button instead of an inline handler (the CSP forbids inline script).
document.addEventListener("click", function (e) {
  if (e.target && e.target.matches("[data-print]")) window.print();
});

// A CTCAE grade list offers only the grades the chosen term has (data-grades on the term's options); without
// script every grade is listed and the server refuses one the term does not have, naming the grades it has.
function netraGrades(root) {
  root.querySelectorAll("select[data-grades-of]").forEach(function (grade) {
    var term = document.getElementById(grade.dataset.gradesOf);
    if (!term || grade.dataset.ready) return;
    grade.dataset.ready = "yes";
    function limit() {
      var chosen = term.options[term.selectedIndex];
      var allowed = chosen && chosen.dataset.grades ? chosen.dataset.grades.split(" ") : null;
      var firstAllowed = null;
      Array.prototype.forEach.call(grade.options, function (o) {
        var ok = !allowed || allowed.indexOf(o.value) >= 0;
        o.disabled = !ok;
        o.hidden = !ok;
        if (ok && firstAllowed === null) firstAllowed = o;
      });
      if (grade.selectedOptions.length === 0 || grade.selectedOptions[0].disabled) {
        if (firstAllowed) firstAllowed.selected = true;
      }
    }
    term.addEventListener("change", limit);
    limit();
  });
}
document.addEventListener("DOMContentLoaded", function () { netraGrades(document); });
document.addEventListener("htmx:afterSwap", function (e) { netraGrades(e.target); });
