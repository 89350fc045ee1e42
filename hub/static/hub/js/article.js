/* Article page: the furigana switch works at once, and the choice is remembered in the
   background (the same endpoint as lesson pages). Without this file the switch is a form. */
(function () {
  "use strict";
  var article = document.getElementById("article");
  if (!article) { return; }
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  document.querySelectorAll("[data-toggle=furigana]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var on = button.getAttribute("aria-pressed") !== "true";
      article.classList.toggle("furigana-off", !on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.value = on ? "0" : "1";
      var state = button.querySelector(".state");
      if (state) { state.textContent = on ? state.dataset.on || "on" : state.dataset.off || "off"; }
      var body = new FormData();
      body.append("furigana", on ? "1" : "0");
      fetch(article.dataset.displayUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"Accept": "application/json", "X-CSRFToken": csrf}
      });
    });
  });
}());
