/* The place editor's map: a click puts the point there (fills the latitude and longitude
   fields), typing coordinates moves the marker. The fields stay the real input. */
(function () {
  "use strict";

  // Around the middle of the country, when the place has no point yet.
  var NETHERLANDS = [52.1, 5.3];

  function number(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function setUp(box) {
    var latitude = document.getElementById(box.dataset.latitudeInput);
    var longitude = document.getElementById(box.dataset.longitudeInput);
    if (!latitude || !longitude || !window.L) {
      return;
    }
    box.hidden = false;
    var canvas = box.querySelector(".place-point__map");
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", box.dataset.label);
    var map = window.L.map(canvas);
    window.L.tileLayer(box.dataset.tileUrl, {
      attribution: box.dataset.tileAttribution,
      maxZoom: 19,
    }).addTo(map);
    var marker = null;

    function show(point) {
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = window.L.marker(point, { keyboard: false }).addTo(map);
      }
    }

    function fromFields(moveMap) {
      var lat = number(latitude);
      var lng = number(longitude);
      if (lat === null || lng === null) {
        return;
      }
      show([lat, lng]);
      if (moveMap) {
        map.setView([lat, lng], Math.max(map.getZoom() || 0, 16));
      }
    }

    var lat = number(latitude);
    var lng = number(longitude);
    if (lat !== null && lng !== null) {
      map.setView([lat, lng], 17);
      show([lat, lng]);
    } else {
      map.setView(NETHERLANDS, 7);
    }
    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      // "input", not "change": the form notices the edit, our own listeners stay quiet.
      latitude.dispatchEvent(new Event("input", { bubbles: true }));
      longitude.dispatchEvent(new Event("input", { bubbles: true }));
      show(event.latlng);
    });
    latitude.addEventListener("change", function () { fromFields(true); });
    longitude.addEventListener("change", function () { fromFields(true); });
  }

  function start() {
    document.querySelectorAll("[data-place-point]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
