"""The console mail backend used when no EMAIL_HOST is set.

With DEBUG on it prints whole messages, as Django's console backend does. In production it
prints only that a mail was not sent: a writer's or a user's address, and the links in the mail,
must never reach a log.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class ConsoleEmailBackend(DjangoConsoleBackend):
    def write_message(self, message: EmailMessage) -> None:
        if settings.DEBUG:
            super().write_message(message)
            return
        recipients = len(message.recipients())
        self.stream.write(
            f"E-mail not sent (no EMAIL_HOST): {message.subject!r} "
            f"to {recipients} recipient(s); addresses and body withheld.\n"
        )
