"""Use cases of `hub`: writing, reviewing and publishing articles (Markdown, furigana and the
Japanese paragraphs' audio asked for at save), keeping the directory, and the proposals
visitors send about it.

Every interface (pages, API, admin, management commands) writes through these functions.
"""

from hub.services.articles import (
    LANGUAGE_CODES,
    article_audio_request,
    article_publish,
    article_render,
    article_save,
    article_submit_for_review,
    article_withdraw,
    articles_audio_request_all,
    articles_render_stale,
    display_name,
    translation_approve,
    translation_mark_current,
    translation_save,
)
from hub.services.directory import (
    MAX_PROPOSAL_MESSAGE,
    RESERVED_ORGANISATION_SLUGS,
    TEXT_FIELDS,
    organisation_clean_data,
    organisation_save,
    organisation_verify,
    proposal_approve,
    proposal_initial_data,
    proposal_reject,
    proposal_submit,
)
from hub.services.partners import (
    organisation_claim,
    organisation_invite,
    organisation_propose_change,
    proposal_notify_outcome,
)
from hub.services.search import article_index, articles_index_all

__all__ = [
    "LANGUAGE_CODES",
    "MAX_PROPOSAL_MESSAGE",
    "RESERVED_ORGANISATION_SLUGS",
    "TEXT_FIELDS",
    "article_audio_request",
    "article_index",
    "article_publish",
    "article_render",
    "article_save",
    "article_submit_for_review",
    "article_withdraw",
    "articles_audio_request_all",
    "articles_index_all",
    "articles_render_stale",
    "display_name",
    "organisation_claim",
    "organisation_clean_data",
    "organisation_invite",
    "organisation_propose_change",
    "organisation_save",
    "organisation_verify",
    "proposal_approve",
    "proposal_initial_data",
    "proposal_notify_outcome",
    "proposal_reject",
    "proposal_submit",
    "translation_approve",
    "translation_mark_current",
    "translation_save",
]
