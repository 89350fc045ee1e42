"""API shapes of `learning`: the signed-in user's preferences."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer

from learning.models import MAX_MEANING_LANGUAGES, User


class PreferencesSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    interface_language = serializers.ChoiceField(
        choices=[("", "browser"), *[(code, code) for code, _name in settings.LANGUAGES]],
        required=False,
        allow_blank=True,
    )
    meaning_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=[code for code, _n in settings.MEANING_LANGUAGES]),
        max_length=MAX_MEANING_LANGUAGES,
        required=False,
        help_text="Most preferred first; English is always the fallback.",
    )
    furigana = serializers.ChoiceField(choices=User.Furigana.choices, required=False)
    roles = serializers.SerializerMethodField()

    def get_roles(self, user: User) -> list[str]:
        return sorted(user.groups.values_list("name", flat=True))


class TokenObtainSerializer(AuthTokenSerializer):
    """DRF's token request, refusing a username longer than any account's before it reaches
    authentication (django-axes would try to record it in a 255-character column)."""

    username = serializers.CharField(
        label=_("Username"), max_length=User._meta.get_field("username").max_length, write_only=True
    )
    password = serializers.CharField(
        label=_("Password"),
        max_length=256,
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )
