"""Input and output shapes of the review API."""

from rest_framework import serializers

from learning.drf import TextsField
from lessons.review.models import CardKind
from lessons.review.scheduling import RATINGS


class ReviewAnswerSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=CardKind.choices)
    rating = serializers.ChoiceField(choices=[*RATINGS, *[str(v) for v in RATINGS.values()]])
    client_key = serializers.RegexField(r"^[A-Za-z0-9_.:-]{8,64}$")
    reviewed_at = serializers.DateTimeField(required=False)
    duration_ms = serializers.IntegerField(required=False, min_value=0, max_value=3_600_000)


class ReviewAnswerResultSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    kind = serializers.CharField()
    rating = serializers.IntegerField()
    due = serializers.DateTimeField()
    stability = serializers.FloatField(allow_null=True)
    replayed = serializers.BooleanField()


class QueueCardSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    kind = serializers.CharField()
    new = serializers.BooleanField()
    expression = serializers.CharField()
    reading = serializers.CharField()
    html = serializers.CharField()
    meanings = TextsField()
    due = serializers.DateTimeField(allow_null=True)
    intervals = serializers.DictField(child=serializers.IntegerField(), help_text="Seconds.")


class ReviewQueueSerializer(serializers.Serializer):
    due = serializers.IntegerField()
    new = serializers.IntegerField()
    desired_retention = serializers.FloatField()
    cards = QueueCardSerializer(many=True)
