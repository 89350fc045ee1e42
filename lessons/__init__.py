"""Japanese classes: courses, lessons, exercises, furigana, progress and Anki decks."""
