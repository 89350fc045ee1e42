"""App configuration of `hub`: kept news and directory pages are renewed when content changes,
and the clip store's call for every clip is answered with the articles' paragraphs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Articles and partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hub.models import Article, ArticleTranslation, Organisation, Tag
        from hub.services import articles_audio_request_all
        from learning.audio.services import audio_refresh_requested
        from learning.pagecache import content_changed_on_save

        content_changed_on_save("hub", [Article, ArticleTranslation, Tag, Organisation])
        audio_refresh_requested.connect(
            articles_audio_request_all, dispatch_uid="hub.audio_request_all"
        )
