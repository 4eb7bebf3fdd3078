// netra's only script of its own: charts from data attributes (the CSP forbids inline script).
"use strict";
function netraCharts(root) {
  if (typeof Chart === "undefined") return;
  root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (canvas.dataset.drawn) return;
    var spec = JSON.parse(canvas.dataset.chart);
    canvas.dataset.drawn = "yes";
    new Chart(canvas, {
      type: spec.type || "line",
      data: { labels: spec.labels, datasets: [{ label: spec.title, data: spec.values, borderColor: "#1d5c7a",
        backgroundColor: "rgba(29, 92, 122, 0.12)", fill: true, tension: 0.25, pointRadius: 2 }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: spec.xLabel } }, y: { title: { display: true, text: spec.yLabel }, beginAtZero: true } } }
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { netraCharts(document); });
document.addEventListener("htmx:afterSwap", function (e) { netraCharts(e.target); });

// Imaging viewer: sliders and the mouse wheel pick slices; the layer boxes redraw every panel.
function netraViewer(root) {
  var form = root.querySelector("form[data-viewer]");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "yes";
  var base = form.dataset.viewer;
  function layers() {
    var q = "";
    ["fusion", "voi", "dose"].forEach(function (name) {
      var box = form.querySelector("input[name=" + name + "]");
      q += "&" + name + "=" + (box && box.checked ? "1" : "0");
    });
    return q;
  }
  function draw(panel) {
    var img = panel.querySelector("img");
    var range = panel.querySelector("input[type=range]");
    var q = "?plane=" + panel.dataset.plane;
    q += panel.dataset.mip === "true" ? "&mip=true" : "&slice=" + range.value;
    img.src = base + q + layers();
    if (range) panel.querySelector("output").textContent = (Number(range.value) + 1) + " / " + (Number(range.max) + 1);
  }
  var panels = root.querySelectorAll(".panel");
  panels.forEach(function (panel) {
    var range = panel.querySelector("input[type=range]");
    if (range) {
      range.addEventListener("input", function () { draw(panel); });
      panel.querySelector("img").addEventListener("wheel", function (e) {
        e.preventDefault();
        range.value = Number(range.value) + (e.deltaY > 0 ? -1 : 1);
        draw(panel);
      }, { passive: false });
    }
    draw(panel);
  });
  form.addEventListener("change", function () { panels.forEach(draw); });
}
document.addEventListener("DOMContentLoaded", function () { netraViewer(document); });
