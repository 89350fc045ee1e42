/* Review page: keys 1-4 rate (or choose), space shows the answer, R plays the word again (the
   players are player.js's); and the readings of known words on any page that loads it.
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
    /* R replays the word, as in Anki: the first player on the card (player.js shows it). */
    var button = key === "r" ? root.querySelector(".review-card button.play:not([hidden])")
      : root.querySelector('[data-key="' + key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });
})();
