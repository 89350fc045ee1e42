"""Use cases of `letters`: submit and revise (writers), decide, translate, batch and deliver
(moderators), record voices and replies. Every page, API view and admin action goes through
these; callers import them from `letters.services`.

Bodies, names and e-mails are never logged, and the functions that hold them hide their locals
from error reports (`sensitive_variables`).
"""

from letters.services.common import (
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    REPLY_STATES,
    language_choices,
    status_token,
    status_url,
    token_hash,
)
from letters.services.moderation import (
    batch_create,
    batch_deliver,
    letter_batch_missing,
    letter_decide,
    letter_delivery_set,
    letter_edit,
    letter_flag_resolve,
    letter_translate,
    letter_unresolved_flags,
)
from letters.services.voices import (
    reply_missing,
    reply_record,
    reply_translate,
    voice_edit,
    voice_flag_resolve,
    voice_publish,
    voice_record,
    voice_unresolved_flags,
)
from letters.services.writers import (
    MAX_RESENT_LINKS,
    SubmitResult,
    letter_links_resend,
    letter_revise,
    letter_submit,
)

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_REASON_CHARS",
    "MAX_RESENT_LINKS",
    "REPLY_STATES",
    "SubmitResult",
    "batch_create",
    "batch_deliver",
    "language_choices",
    "letter_batch_missing",
    "letter_decide",
    "letter_delivery_set",
    "letter_edit",
    "letter_flag_resolve",
    "letter_links_resend",
    "letter_revise",
    "letter_submit",
    "letter_translate",
    "letter_unresolved_flags",
    "reply_missing",
    "reply_record",
    "reply_translate",
    "status_token",
    "status_url",
    "token_hash",
    "voice_edit",
    "voice_flag_resolve",
    "voice_publish",
    "voice_record",
    "voice_unresolved_flags",
]
