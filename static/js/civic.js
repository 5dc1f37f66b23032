// civic: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  // Move focus to an error summary so screen readers announce form errors at once.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // Ask before destructive actions marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
