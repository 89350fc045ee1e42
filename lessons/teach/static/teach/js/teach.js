/* Tutor workspace: live furigana under each Japanese field, and click-a-word reading corrections.
   Optional: without it the forms work and the saved furigana shows after saving. */
(function () {
  "use strict";
  var editor = document.getElementById("teach-editor");
  if (!editor || !window.fetch || !editor.dataset.furiganaUrl) { return; }
  var data = editor.dataset;
  var readings = {};
  try { readings = JSON.parse(data.readings || "{}"); } catch (e) { readings = {}; }
  var csrf = (editor.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var fields = Array.prototype.slice.call(editor.querySelectorAll("[data-furigana]"));
  var DELAY = 400;

  function messageOf(body) {
    if (!body) { return ""; }
    if (body.detail) { return String(body.detail); }
    var source = body.errors || body;
    return Object.keys(source).map(function (k) {
      return [].concat(source[k]).join(" ");
    }).join(" ");
  }

  function previewOf(field) { return document.getElementById(field.id + "-preview"); }

  function render(field) {
    var preview = previewOf(field);
    if (!preview) { return; }
    var text = field.value;
    if (!text.trim()) { preview.textContent = ""; return; }
    var seq = (field.kasumiSeq = (field.kasumiSeq || 0) + 1);
    fetch(data.furiganaUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({text: text, overrides: readings})
    }).then(function (response) {
      return response.json().then(function (body) {
        return {ok: response.ok, status: response.status, body: body};
      });
    }).then(function (result) {
      if (seq !== field.kasumiSeq) { return; }  // a newer preview is on its way
      if (result.status === 429) {  // typing faster than the preview's rate limit: try later
        setTimeout(function () { if (seq === field.kasumiSeq) { render(field); } }, 3000);
        return;
      }
      preview.classList.toggle("preview-error", !result.ok);
      if (result.ok) {
        preview.innerHTML = result.body.html;  // every piece of text is escaped by the engine
        preview.dataset.live = "1";
        markWords(preview);
      } else {
        preview.textContent = messageOf(result.body);
      }
    }).catch(function () { /* offline: keep the last preview */ });
  }

  function markWords(preview) {
    preview.querySelectorAll("ruby").forEach(function (ruby) {
      ruby.tabIndex = 0;
      ruby.setAttribute("role", "button");
      ruby.title = (data.correctLabel || "Correct the reading of") + " " + baseOf(ruby);
    });
  }

  function baseOf(ruby) {
    var text = "";
    ruby.childNodes.forEach(function (node) {
      if (node.nodeType === 3) { text += node.nodeValue; }
      else if (node.nodeName !== "RT" && node.nodeName !== "RP") { text += node.textContent; }
    });
    return text;
  }

  function renderAll() { fields.forEach(render); }

  function element(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text) { el.textContent = text; }
    return el;
  }

  function openCorrector(preview, word, reading) {
    var old = editor.querySelector(".corrector");
    if (old) { old.remove(); }
    var box = element("div", {"class": "corrector", "role": "group"});
    box.appendChild(element("p", {"class": "corrector-title"}, (data.correctLabel || "Correct the reading of") + " " + word));
    var wordLabel = element("label", {"for": "corrector-word"}, data.wordLabel || "Word");
    var wordInput = element("input", {"type": "text", "id": "corrector-word", "lang": "ja", "value": word});
    var readingLabel = element("label", {"for": "corrector-reading"}, data.readingLabel || "Reading");
    var readingInput = element("input", {"type": "text", "id": "corrector-reading", "lang": "ja", "value": reading});
    var save = element("button", {"type": "button", "class": "primary"}, data.saveLabel || "Save");
    var cancel = element("button", {"type": "button"}, data.cancelLabel || "Cancel");
    var status = element("p", {"class": "corrector-status", "aria-live": "polite"});
    [wordLabel, wordInput, readingLabel, readingInput, save, cancel, status].forEach(function (el) { box.appendChild(el); });
    preview.after(box);
    readingInput.focus();
    readingInput.select();

    function submit() {
      var body = new FormData();
      body.append("word", wordInput.value.trim());
      body.append("reading", readingInput.value.trim());
      save.disabled = true;
      fetch(data.readingUrl, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"Accept": "application/json", "X-CSRFToken": csrf}
      }).then(function (response) {
        return response.json().then(function (b) { return {ok: response.ok, body: b}; });
      }).then(function (result) {
        save.disabled = false;
        if (!result.ok) {
          status.className = "corrector-status error";
          status.textContent = messageOf(result.body);
          return;
        }
        readings = result.body.readings || readings;
        editor.dataset.readings = JSON.stringify(readings);
        var done = element("p", {"class": "corrector-done", "role": "status"},
          (data.savedLabel || "Saved:") + " " + wordInput.value.trim() + " → " + readingInput.value.trim());
        box.replaceWith(done);
        renderAll();
      }).catch(function () { save.disabled = false; });
    }
    save.addEventListener("click", submit);
    cancel.addEventListener("click", function () { box.remove(); });
    [wordInput, readingInput].forEach(function (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); submit(); }
        if (event.key === "Escape") { box.remove(); }
      });
    });
  }

  fields.forEach(function (field) {
    var timer = null;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { render(field); }, DELAY);
    });
    var preview = previewOf(field);
    if (!preview) { return; }
    markWords(preview);
    function pick(event) {
      var ruby = event.target.closest && event.target.closest("ruby");
      if (!ruby || !data.readingUrl) { return; }
      event.preventDefault();
      var rt = ruby.querySelector("rt");
      openCorrector(preview, baseOf(ruby), rt ? rt.textContent : "");
    }
    preview.addEventListener("click", pick);
    preview.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { pick(event); }
    });
    if (field.value.trim() && !preview.textContent.trim()) { render(field); }
  });
})();
