// Maps with no tile server: governorate outlines from /api/v1/geo/boundaries/ under the points
// (over tiles only when the operator set MAP_TILE_URL).
// <div data-map data-points="JSON-ELEMENT-ID"> shows points; add data-pick-lat/-lng to pick one.
(function () {
  "use strict";
  if (!window.L) return;
  var EGYPT = [[22, 25], [31.7, 36.9]];

  function outline(map, overTiles) {
    return fetch("/api/v1/geo/boundaries/").then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      // Outlines arrive after the points: keep them underneath, or they veil the points.
      var fill = overTiles ? 0 : 0.7;
      if (data) L.geoJSON(data, { style: { color: "#0b5d4b", weight: 1, fillColor: "#e9efe7", fillOpacity: fill } }).addTo(map).bringToBack();
    }).catch(function () {});
  }

  function points(map, element) {
    var source = element.dataset.points && document.getElementById(element.dataset.points);
    if (!source) return [];
    return JSON.parse(source.textContent).map(function (point) {
      // point.classes (optional) lets a page colour its points from its own CSS.
      // A surveyed outline (GeoJSON Polygon) goes under its point, in the point's colours.
      if (point.outline) L.geoJSON(point.outline, { style: { className: (point.classes || "").replace("-point", "-outline"), weight: 2 } }).addTo(map);
      var marker = L.circleMarker([point.lat, point.lng], { radius: 6, className: point.classes || "complaint-point", color: point.overdue ? "#dc3545" : "#0b5d4b" })
        .addTo(map);
      var link = document.createElement("a");
      link.href = point.url; link.textContent = point.code || point.title;
      marker.bindPopup(link);
      // The map frames the outline too, not only its point.
      var corners = point.outline ? point.outline.coordinates[0].map(function (pair) { return [pair[1], pair[0]]; }) : [];
      return [[point.lat, point.lng]].concat(corners);
    }).reduce(function (all, some) { return all.concat(some); }, []);
  }

  function picker(map, element) {
    var lat = document.getElementById(element.dataset.pickLat);
    var lng = document.getElementById(element.dataset.pickLng);
    if (!lat || !lng) return;
    var marker = null;
    function place(latlng) {
      if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
      lat.value = latlng.lat.toFixed(6); lng.value = latlng.lng.toFixed(6);
      element.dispatchEvent(new CustomEvent("map:picked"));
    }
    map.on("click", function (event) { place(event.latlng); });
    if (lat.value && lng.value) place(L.latLng(parseFloat(lat.value), parseFloat(lng.value)));
    element.addEventListener("map:set", function (event) { place(event.detail); map.setView(event.detail, 12); });
  }

  // A tile layer only when the operator configured one (MAP_TILE_URL); the outlines work offline.
  function tiles(map) {
    var meta = document.querySelector('meta[name="map-tiles"]');
    if (!meta) return false;
    L.tileLayer(meta.content, { attribution: meta.dataset.attribution || "" }).addTo(map);
    L.control.attribution({ prefix: false }).addTo(map);
    return true;
  }

  document.querySelectorAll("[data-map]").forEach(function (element) {
    var map = L.map(element, { attributionControl: false, zoomSnap: 0.5 });
    map.fitBounds(EGYPT);
    outline(map, tiles(map));
    var shown = points(map, element);
    // data-max-zoom: how close a page may frame its points (one asset's plot, say); 9 shows a governorate.
    if (shown.length) map.fitBounds(shown, { maxZoom: parseFloat(element.dataset.maxZoom) || 9, padding: [20, 20] });
    picker(map, element);
    element.map = map;
  });
})();
