// civic: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  // Move focus to an error summary so screen readers announce form errors at once.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // A link of the summary puts the focus in its field (following an anchor only scrolls),
  // with the field's label and error in view.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    if (!target.matches("input, select, textarea, button")) {
      target = target.querySelector("input, select, textarea, button") || target;
    }
    event.preventDefault();
    (target.closest(".field, fieldset") || target).scrollIntoView();
    target.focus({preventScroll: true});
  });
  // Ask before destructive actions marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
