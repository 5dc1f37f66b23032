// civic: the map of proposals. The page lists every located proposal without this file;
// markers come from the map element's data-markers attribute (no inline script: CSP).
(function () {
  "use strict";
  var element = document.getElementById("proposal-map");
  if (!element || typeof window.L === "undefined") { return; }
  var markers;
  try {
    markers = JSON.parse(element.getAttribute("data-markers") || "[]");
  } catch (error) {
    return;
  }
  var tileUrl = element.getAttribute("data-tile-url");
  element.classList.add("proposal-map-live");
  var fallback = element.querySelector(".map-fallback");
  if (fallback) { fallback.remove(); }

  // Default view: Toulouse; fitted to the markers when there are some.
  var map = window.L.map(element, { scrollWheelZoom: false }).setView([43.6045, 1.444], 12);
  if (tileUrl) {
    window.L.tileLayer(tileUrl, {
      maxZoom: 19,
      attribution: element.getAttribute("data-tile-attribution") || ""
    }).addTo(map);
  }
  var bounds = [];
  markers.forEach(function (item) {
    if (typeof item.lat !== "number" || typeof item.lng !== "number") { return; }
    // Build the popup with DOM nodes: titles are user text, never parsed as HTML.
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    window.L.marker([item.lat, item.lng], { title: item.title, alt: item.title })
      .bindPopup(link).addTo(map);
    bounds.push([item.lat, item.lng]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 15);
  } else if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24] });
  }
})();
