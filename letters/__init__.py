"""Letters to refugees: writing, screening, translation and delivery."""
