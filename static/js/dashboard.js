// The governor's dashboard: follow a recomputation's progress, and colour Egypt's governorates by score.
(function () {
  "use strict";

  // A recomputation started from the dashboard: poll its progress, reload when it is done.
  var status = document.querySelector("[data-run-status]");
  if (status) {
    var bar = document.getElementById("run-progress");
    var poll = function () {
      fetch(status.dataset.runStatus, { credentials: "same-origin" }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (run) {
        if (!run) return;
        bar.value = run.percent;
        bar.textContent = run.percent + "%";
        if (run.finished) {
          var url = new URL(window.location.href);
          url.searchParams.delete("run");
          window.location.replace(url.toString());
        } else {
          window.setTimeout(poll, 1000);
        }
      }).catch(function () { window.setTimeout(poll, 3000); });
    };
    poll();
  }

  // National view: governorate outlines filled by their traffic light (no tile server needed).
  var element = document.querySelector("[data-score-map]");
  if (!element || !window.L) return;
  var lights = JSON.parse(document.getElementById(element.dataset.scoreMap).textContent);
  var colours = { green: "#198754", amber: "#e0a800", red: "#dc3545", none: "#ced4da" };
  function fold(text) {
    return (text || "").replace(/[\u064B-\u065F\u0670\u0640]/g, "").replace(/[أإآٱ]/g, "ا")
      .replace(/ى/g, "ي").replace(/ة/g, "ه").replace(/ؤ/g, "و").replace(/ئ/g, "ي").replace(/\s+/g, " ").trim().toLowerCase();
  }
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.25, zoomControl: false });
  // Controls sit where a right-to-left reader starts.
  L.control.zoom({ position: document.dir === "rtl" ? "topright" : "topleft" }).addTo(map);
  map.fitBounds([[22, 25], [31.7, 36.9]]);
  fetch("/api/v1/geo/boundaries/").then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (data) {
    if (!data) return;
    L.geoJSON(data, {
      style: function (feature) {
        var entry = lights[fold(feature.properties.Subdivision_ar)] || lights[fold(feature.properties.Subdivision_en)];
        var light = entry ? entry.light : "none";
        return { color: "#ffffff", weight: 1, fillColor: colours[light], fillOpacity: 0.85 };
      },
      onEachFeature: function (feature, layer) {
        var entry = lights[fold(feature.properties.Subdivision_ar)] || lights[fold(feature.properties.Subdivision_en)];
        if (!entry) return;
        var link = document.createElement("a");
        link.href = entry.url;
        link.textContent = entry.name + " · " + entry.score;
        layer.bindPopup(link);
        layer.bindTooltip(entry.name + " · " + entry.score);
      }
    }).addTo(map);
  }).catch(function () {});
})();
