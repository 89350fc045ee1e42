"""Secrets kept out of every log: a logging filter that redacts letter status tokens and
password-reset tokens from URLs, and the gunicorn logger class that applies it to the access and
error logs. Plain Python (logging, re); settings.LOGGING and gunicorn.conf.py refer to it.

A status token opens a letter, the writer's name and the replies, so it must not be readable by
whoever can read the server's logs.
"""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger as GunicornBaseLogger

REDACTED = "[redacted]"
# A path segment, as written in a URL or percent-encoded inside another URL's query string.
_SEP = r"(?:/|%2[fF])"
_SEGMENT = r"[^/\s?#&\"'%]+"
_SECRET_PATHS = re.compile(
    rf"(?P<prefix>{_SEP}letters{_SEP}status{_SEP}"
    rf"|{_SEP}accounts{_SEP}reset{_SEP}{_SEGMENT}{_SEP}){_SEGMENT}"
)


def redact(text: str) -> str:
    """*text* with every letter status token and password-reset token replaced."""
    return _SECRET_PATHS.sub(lambda m: m.group("prefix") + REDACTED, text)


class RedactTokens(logging.Filter):
    """Rewrite a record's message with its tokens redacted (the arguments are merged into the
    message first, since the URL usually arrives as one of them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger with tokens redacted from the access log (request line, path, query,
    referrer) and the error log."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())
