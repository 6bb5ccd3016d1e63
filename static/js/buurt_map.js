/* The map of the buurt on the buurtgids and the agenda: markers from /kaart.geojson,
   one per point, with a popup naming what is there and linking to it. Progressive
   enhancement: the page's list with addresses is complete without this script, and
   the markers show even when the background tiles cannot be loaded. */
(function () {
  "use strict";

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  // Features at the same point (several activities in one place) share one marker.
  function byPoint(features) {
    var points = {};
    var order = [];
    features.forEach(function (feature) {
      var key = feature.geometry.coordinates.join(",");
      if (!points[key]) {
        points[key] = [];
        order.push(key);
      }
      points[key].push(feature);
    });
    return order.map(function (key) { return points[key]; });
  }

  function popupContent(features, box) {
    var content = element("div", "", { dir: box.dataset.textDir, class: "buurt-map__popup" });
    var list = element("ul");
    features.forEach(function (feature) {
      var properties = feature.properties;
      var item = element("li");
      item.appendChild(element("strong", properties.name));
      if (properties.address) {
        item.appendChild(element("span", properties.address, { class: "buurt-map__address" }));
      }
      if (properties.url) {
        item.appendChild(element("a", box.dataset.more, {
          href: properties.url,
          "aria-label": box.dataset.more + ": " + properties.name,
        }));
      }
      list.appendChild(item);
    });
    content.appendChild(list);
    return content;
  }

  function draw(box, collection) {
    var features = collection.features.filter(function (feature) {
      return feature.properties.kind === box.dataset.kind;
    });
    if (!features.length) {
      return;
    }
    var L = window.L;
    box.hidden = false;
    var section = box.closest("[data-buurt-map-section]");
    if (section) {
      section.hidden = false;
    }
    var map = L.map(box.querySelector(".buurt-map__canvas"), {
      zoomControl: false,
      scrollWheelZoom: false, // scrolling the page must not get stuck in the map
    });
    L.control.zoom({
      zoomInTitle: box.dataset.zoomIn,
      zoomOutTitle: box.dataset.zoomOut,
    }).addTo(map);
    L.tileLayer(box.dataset.tileUrl, {
      attribution: box.dataset.tileAttribution,
      maxZoom: 19,
    }).addTo(map);
    var bounds = [];
    byPoint(features).forEach(function (here) {
      var coordinates = here[0].geometry.coordinates;
      var names = here.map(function (feature) { return feature.properties.name; }).join(", ");
      var point = [coordinates[1], coordinates[0]];
      L.marker(point, { alt: names, title: names })
        .bindPopup(popupContent(here, box))
        .addTo(map);
      bounds.push(point);
    });
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: 17 });
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", box.dataset.close);
        close.setAttribute("title", box.dataset.close);
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-buurt-map]").forEach(function (box) {
      if (!window.L || !window.fetch) {
        return;
      }
      fetch(box.dataset.feed, { headers: { Accept: "application/geo+json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (collection) {
          if (collection) {
            draw(box, collection);
          }
        })
        .catch(function () { /* no map: the list with addresses is still there */ });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
