"""Pure Japanese-language engines: furigana, kana/romaji normalisation. No Django here."""
