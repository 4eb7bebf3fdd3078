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
