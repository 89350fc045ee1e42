/* Review page: keys 1-4 rate, space shows the answer; "listen" with the browser's voice.
   Optional: without it the page works with plain forms and links. */
(function () {
  "use strict";
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
