"""Private status tokens of letters: only their digest is stored, so a database dump opens no
letter. Pure, shared by the services (which issue tokens) and the selectors (which look them up)."""

import hashlib


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
