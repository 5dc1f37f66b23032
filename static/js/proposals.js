// civic proposals: support without reloading the page. Without this file the form posts
// and the page reloads, which works just as well. When the server refuses with a message
// (too many supports in a short while, blocked account...), the message is shown in place.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-support-form") || !window.fetch) { return; }
    event.preventDefault();
    var box = form.closest("[data-support-box]");
    var button = form.querySelector("button[type=submit]");
    var message = box.querySelector("[data-support-message]");
    if (message) { message.textContent = ""; }
    button.disabled = true;
    // getAttribute: the hidden input named "action" shadows the form's .action property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        var said = typeof result.data.error === "string" ? result.data.error
          : (result.data.error && result.data.error.detail) || "";
        if (said && message) {
          message.textContent = said;
          return;
        }
        throw new Error(said);
      }
      var count = result.data.supports_count;
      box.querySelector("[data-supports-count]").textContent = count;
      var progress = box.querySelector("[data-supports-progress]");
      if (progress) {
        var max = Number(progress.getAttribute("max"));
        progress.value = Math.min(count, max);
        progress.textContent = Math.min(count, max) + " / " + max;
      }
      var supported = result.data.supported;
      button.setAttribute("aria-pressed", supported ? "true" : "false");
      button.textContent = button.getAttribute(supported ? "data-label-on" : "data-label-off");
      button.classList.toggle("button-secondary", supported);
      var action = form.querySelector("[data-support-action]");
      if (action) { action.value = supported ? "unsupport" : "support"; }
    }).catch(function () {
      form.submit();  // let the server say what went wrong, on a full page
    }).then(function () { button.disabled = false; });
  });
})();
