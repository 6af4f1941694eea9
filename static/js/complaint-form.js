// Progressive enhancements of the complaint pages; every form works without them.
(function () {
  "use strict";

  // Fold Arabic spelling variants the way the server does (portal/text.py), so a search for
  // «نجع حمادي» finds «نجع حمادى».
  function fold(text) {
    return (text || "")
      .normalize("NFKC")
      .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").replace(/ؤ/g, "و").replace(/ئ/g, "ي")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }

  document.querySelectorAll("input[data-filters]").forEach(function (search) {
    var select = document.getElementById(search.dataset.filters);
    if (!select) return;
    search.addEventListener("input", function () {
      var wanted = fold(search.value), firstMatch = null;
      select.querySelectorAll("option").forEach(function (option) {
        var group = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
        var shown = !wanted || !option.value || fold(option.textContent + " " + group).indexOf(wanted) !== -1;
        option.hidden = !shown;
        if (shown && option.value && !firstMatch) firstMatch = option;
      });
      if (firstMatch && wanted) select.value = firstMatch.value;
    });
  });

  var locate = document.getElementById("use-location");
  if (locate && navigator.geolocation) {
    var status = document.getElementById("location-status");
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var latlng = { lat: position.coords.latitude, lng: position.coords.longitude };
        var map = document.querySelector("[data-pick-lat]");
        if (map && window.L) {
          map.dispatchEvent(new CustomEvent("map:set", { detail: window.L.latLng(latlng.lat, latlng.lng) }));
        } else {
          document.getElementById(locate.dataset.lat).value = latlng.lat.toFixed(6);
          document.getElementById(locate.dataset.lng).value = latlng.lng.toFixed(6);
        }
        status.textContent = status.dataset.done;
      }, function () { status.textContent = status.dataset.failed; });
    });
  } else if (locate) {
    locate.hidden = true;
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.getElementById(button.dataset.copy).textContent.trim();
      navigator.clipboard.writeText(text).then(function () { button.textContent = button.dataset.copied; });
    });
  });
})();
