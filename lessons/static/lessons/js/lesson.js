/* Lesson page enhancements: instant switches, tap-to-order tiles, instant feedback (the
   players are learning/js/player.js).
   Everything here is optional: without it the page works with plain forms. */
(function () {
  "use strict";
  var lesson = document.getElementById("lesson");
  if (!lesson) { return; }
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";

  function post(url, body) {
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": csrf}
    });
  }

  /* Switches: flip the class at once, remember the choice in the background. */
  var classes = {furigana: ["furigana-off", false], romaji: ["romaji-on", true],
                 translations: ["translations-off", false]};
  document.querySelectorAll("[data-toggle]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var name = button.getAttribute("data-toggle");
      var on = button.getAttribute("aria-pressed") !== "true";
      var spec = classes[name];
      lesson.classList.toggle(spec[0], spec[1] ? on : !on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.value = on ? "0" : "1";
      var state = button.querySelector(".state");
      if (state) { state.textContent = on ? state.dataset.on || "on" : state.dataset.off || "off"; }
      var body = new FormData();
      body.append(name, on ? "1" : "0");
      post(lesson.dataset.displayUrl, body);
    });
  });

  /* Ordering: tap the tiles in order instead of choosing from lists. */
  document.querySelectorAll(".exercise-ordering").forEach(function (section) {
    var tiles = section.querySelectorAll(".tile");
    var tileBox = section.querySelector("[data-tiles]");
    var positions = section.querySelector("[data-positions]");
    var built = section.querySelector("[data-built]");
    var form = section.querySelector("form");
    var order = [];
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "order";
    form.appendChild(hidden);
    positions.hidden = true;
    positions.querySelectorAll("select").forEach(function (s) { s.required = false; s.disabled = true; });
    built.hidden = false;
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "link-button";
    reset.textContent = "↺ " + (tileBox.dataset.resetLabel || "");
    function render() {
      /* The line is built of the tiles' own ruby, so it keeps its furigana. */
      built.textContent = "";
      order.forEach(function (i, n) {
        if (n) { built.appendChild(document.createTextNode(" ")); }
        var tile = section.querySelector('.tile[data-index="' + i + '"]');
        Array.prototype.forEach.call(tile.childNodes, function (node) {
          built.appendChild(node.cloneNode(true));
        });
      });
      hidden.value = order.join(",");
    }
    form.addEventListener("submit", function (event) {
      if (order.length < tiles.length) {
        event.preventDefault();
        event.stopImmediatePropagation();
        var feedback = section.querySelector(".feedback");
        feedback.textContent = "";
        var p = document.createElement("p");
        p.className = "verdict verdict-error";
        p.textContent = tileBox.dataset.emptyMessage || "";
        feedback.appendChild(p);
      }
    });
    tiles.forEach(function (tile) {
      tile.hidden = false;
      tile.addEventListener("click", function () {
        if (tile.disabled) { return; }
        order.push(tile.dataset.index);
        tile.disabled = true;
        render();
      });
    });
    reset.addEventListener("click", function () {
      order = [];
      tiles.forEach(function (t) { t.disabled = false; });
      render();
    });
    built.after(reset);
  });

  /* Instant feedback: grade on the server, show the verdict without leaving the page. */
  document.querySelectorAll(".exercise-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var section = form.closest(".exercise");
      var feedback = section.querySelector(".feedback");
      post(form.action, new FormData(form)).then(function (response) {
        return response.json().then(function (data) { return {ok: response.ok, data: data}; });
      }).then(function (result) {
        feedback.textContent = "";
        var p = document.createElement("p");
        if (!result.ok) {
          p.className = "verdict verdict-error";
          var errors = result.data.errors || {};
          p.textContent = Object.keys(errors).map(function (k) { return errors[k].join(" "); }).join(" ");
          feedback.appendChild(p);
          return;
        }
        var data = result.data;
        p.setAttribute("role", "status");
        if (data.hint) {
          /* Nearly right: nothing was counted, the answer stays in the box for another try. */
          p.className = "verdict verdict-almost";
          p.textContent = data.hint;
          feedback.appendChild(p);
          return;
        }
        p.className = "verdict " + (data.correct ? "verdict-correct" : "verdict-wrong");
        if (data.correct) {
          p.textContent = "✓ " + (feedback.dataset.correct || "Correct!");
        } else {
          p.textContent = "✗ " + (feedback.dataset.wrong || "Not quite. Answer:") + " ";
          /* expected_html is the stored ruby rendering, escaped on the server. */
          p.insertAdjacentHTML("beforeend", data.expected_html || "");
        }
        feedback.appendChild(p);
        if (data.explanation) {
          var e = document.createElement("p");
          e.className = "explanation";
          if (data.explanation_lang) { e.lang = data.explanation_lang; e.dir = "auto"; }
          e.innerHTML = data.explanation_html || "";
          feedback.appendChild(e);
        }
        var progress = document.getElementById("lesson-progress");
        if (progress && data.progress) {
          progress.textContent = "";
          var line = document.createElement("p");
          if (data.progress.completed) {
            line.className = "done";
            line.textContent = (progress.dataset.complete || "Lesson complete! Your score:") + " " + data.progress.score + "%";
          } else {
            line.textContent = (progress.dataset.answered || "{answered} / {total}")
              .replace("{answered}", data.progress.answered).replace("{total}", data.progress.total);
          }
          progress.appendChild(line);
        }
      }).catch(function () { form.submit(); });
    });
  });
})();
