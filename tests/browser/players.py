"""What the browser tests of players share: a recorder of every play, and a tap on a plain
<audio controls> element that waits until the browser has played it through."""

# Records every play of a media element and every end of one, for the test to read. With
# window.__short set first, each clip plays from its last half second only (long clips, where
# the order is what counts).
RECORDER = """
window.__plays = []; window.__ended = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  window.__plays.push({src: this.currentSrc || this.src, rate: this.playbackRate});
  this.addEventListener("ended", () => window.__ended.push(this.src), {once: true});
  if (window.__short) {
    this.addEventListener("loadedmetadata", () => {
      this.currentTime = Math.max(0, this.duration - 0.5);
    }, {once: true});
  }
  return play.call(this);
};
"""
SHORT_RECORDER = "window.__short = true;" + RECORDER


def wait_ended(page, count, timeout=20_000):
    """Wait until *count* clips have played to their end."""
    page.wait_for_function("n => window.__ended.length >= n", arg=count, timeout=timeout)


def play_plain(page, element, seconds=15):
    """Tap the element's own play control (its left end) and wait for the end; True when the
    browser played it through, with no script of ours (page scripts may be off)."""
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    page.mouse.click(box["x"] + min(20, box["width"] / 4), box["y"] + box["height"] / 2)
    for _ in range(seconds * 10):
        if element.evaluate("a => a.ended"):
            break
        page.wait_for_timeout(100)
    return element.evaluate("a => a.ended && a.currentTime")
