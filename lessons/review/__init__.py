"""Spaced review of lesson vocabulary (FSRS), and furigana that fades for words a learner knows."""
