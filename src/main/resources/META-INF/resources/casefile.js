// Casefile web app: small enhancements. Every page reads without this script.
(function () {
  "use strict";
  // A passage link (#c-START-END) marks its highlight, so it stands out even after scrolling.
  function markTarget() {
    document.querySelectorAll("mark.cite.targeted").forEach(function (m) { m.classList.remove("targeted"); });
    if (location.hash.indexOf("#c-") === 0) {
      var el = document.getElementById(location.hash.substring(1));
      if (el) { el.classList.add("targeted"); }
    }
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", markTarget);
  // Filter forms submit on change of a select, so the URL (shareable) always carries the filters shown.
  document.addEventListener("change", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("data-autosubmit") && e.target.tagName === "SELECT") { form.requestSubmit(); }
  });
  window.Casefile = window.Casefile || {};
})();
