/* Review page: keys 1-4 rate (or choose), space shows the answer; "listen" with the browser's
   voice; and the readings of known words on any page that loads it.
   Optional: without it the page works with plain forms and links. */
(function () {
  "use strict";
  /* Fading furigana (also on lesson and article pages): a tap or focus on a known word shows
     its reading for a moment, then it hides again. Without this script, CSS shows it on focus. */
  var SHOW_MS = 2000;
  document.documentElement.classList.add("known-js");
  function reveal(event) {
    var word = event.target.closest ? event.target.closest("ruby.known") : null;
    if (!word) { return; }
    word.classList.add("reading-shown");
    clearTimeout(word.hideTimer);
    word.hideTimer = setTimeout(function () { word.classList.remove("reading-shown"); }, SHOW_MS);
  }
  document.addEventListener("click", reveal);
  document.addEventListener("focusin", reveal);

  var root = document.getElementById("review");
  if (!root) { return; }
  var help = root.querySelector(".keys-help");
  if (help) { help.hidden = false; }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key === " " ? "space" : event.key;
    var button = root.querySelector('[data-key="' + key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });
  if ("speechSynthesis" in window) {
    root.querySelectorAll("[data-speak]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var u = new SpeechSynthesisUtterance(button.getAttribute("data-speak"));
        u.lang = "ja-JP";
        window.speechSynthesis.cancel();
        window.speechSynthesis.speak(u);
      });
    });
  }
})();
