// The print view's button: shown only when JavaScript runs; the browser's own Print works too.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
