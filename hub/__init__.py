"""The hub: translated articles and news, and the directory of partner organisations."""
