/* Players of our own clips (includes/player.html), on lesson and article pages and in the
   tutor's previews. Without this script each clip is a plain <audio controls>; with it, a 🔊
   button (normal speed) and a slow one (0.75) per clip, and "play all" ([data-play-all]) for
   the clips of its group ([data-play-group]) in order. A clip that fails to play says so beside
   its buttons, in the words of the page's [data-audio-error]. */
(function () {
  "use strict";
  var messageHolder = document.querySelector("[data-audio-error]");
  var message = messageHolder ? messageHolder.getAttribute("data-audio-error") : "";
  var current = null;

  function stop() {
    if (current) { current.pause(); current = null; }
  }
  function failed(button) {
    var holder = button.closest("[data-player]") || button.parentNode;
    if (holder.querySelector(".play-error")) { return; }
    var note = document.createElement("span");
    note.className = "play-error";
    note.setAttribute("role", "status");
    note.textContent = message;
    holder.appendChild(note);
  }
  function play(url, rate, button) {
    stop();
    var audio = new Audio(url);
    audio.playbackRate = rate;
    audio.defaultPlaybackRate = rate;
    current = audio;
    var done = new Promise(function (resolve) {
      audio.addEventListener("ended", resolve);
      audio.addEventListener("error", function () { failed(button); resolve(); });
    });
    var started = audio.play();
    if (started && started.catch) { started.catch(function () { failed(button); }); }
    return done;
  }

  document.querySelectorAll("[data-player]").forEach(function (holder) {
    var element = holder.querySelector("audio");
    if (element) { element.hidden = true; }
    holder.querySelectorAll("[data-play]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        play(button.dataset.play, parseFloat(button.dataset.rate || "1"), button);
      });
    });
  });
  document.querySelectorAll("[data-play-all]").forEach(function (button) {
    var group = button.closest("[data-play-group]");
    var buttons = group ? group.querySelectorAll("[data-player] .play") : [];
    if (!buttons.length) { return; }
    button.parentNode.hidden = false;
    button.addEventListener("click", function () {
      var i = 0;
      var run = function () {
        if (i >= buttons.length) { return; }
        var next = buttons[i++];
        play(next.dataset.play, 1, next).then(function () {
          if (current && current.ended) { run(); }
        });
      };
      run();
    });
  });
}());
