// The TimelineJS picture on /timeline: fetches the timelinejs export with the page's filters and draws it. Everything
// is served by Casefile (script, styles, icon font; English is built in), so it works offline under the CSP.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("timeline-picture");
    if (!element || !window.TL || !window.fetch) { return; }
    fetch(element.getAttribute("data-src"), { headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        if (!data.events || data.events.length === 0) {
          element.querySelector("p").textContent = "No dated event to draw; the table below lists what there is.";
          return;
        }
        var height = element.clientHeight;
        element.textContent = "";
        new TL.Timeline(element, data, {
          height: height,
          script_path: "/vendor/timelinejs/js/",
          font: null,
          theme: null,
          ga_property_id: null,
          track_events: [],
          hash_bookmark: false,
          language: "en"
        });
      })
      .catch(function (e) {
        var p = document.createElement("p");
        p.className = "problem-detail";
        p.textContent = "The picture could not be drawn (" + e.message + "); the table below lists the events.";
        element.textContent = "";
        element.appendChild(p);
      });
  });
})();
