// The status page's "Copy" button: shown only when JavaScript runs; without it the link is
// plain text that can be selected and copied.
document.querySelectorAll(".js-copy").forEach(function (button) {
  var target = document.getElementById(button.dataset.copyTarget);
  var done = button.parentElement.querySelector(".js-copy-done");
  if (!target || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      if (done) { done.hidden = false; }
    });
  });
});
