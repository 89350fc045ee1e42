"""The letter workflow table: every allowed transition, and every other one refused."""

import itertools

import pytest

from letters.workflow import (
    FINAL,
    INITIAL,
    RULES,
    WRITER_VISIBLE,
    Action,
    Actor,
    State,
    TransitionError,
    allowed_actions,
    transition,
)

ALLOWED = [
    # state, action, actor, reason, next state
    ("submitted", "approve", "moderator", "", "approved"),
    (
        "submitted",
        "request_changes",
        "moderator",
        "Please remove your address.",
        "changes_requested",
    ),
    ("submitted", "reject", "moderator", "Hostile.", "rejected"),
    ("changes_requested", "revise", "writer", "", "submitted"),
    ("approved", "batch", "moderator", "", "in_batch"),
    ("in_batch", "deliver", "moderator", "", "delivered"),
]
ALLOWED_PAIRS = {(state, action) for state, action, *_rest in ALLOWED}
REFUSED = [
    (state.value, action.value)
    for state, action in itertools.product(State, Action)
    if (state.value, action.value) not in ALLOWED_PAIRS
]


@pytest.mark.parametrize(("state", "action", "actor", "reason", "expected"), ALLOWED)
def test_allowed_transition(state, action, actor, reason, expected):
    assert transition(state, action, actor=actor, reason=reason) == State(expected)


@pytest.mark.parametrize(("state", "action"), REFUSED)
def test_every_other_transition_is_refused_with_a_clear_error(state, action):
    for actor in Actor:
        with pytest.raises(TransitionError, match="cannot be given the action"):
            transition(state, action, actor=actor, reason="a reason")


def test_the_table_is_the_whole_workflow():
    assert len(REFUSED) + len(ALLOWED) == len(State) * len(Action)
    assert {(r.source.value, r.action.value) for r in RULES} == ALLOWED_PAIRS
    assert INITIAL == State.SUBMITTED
    assert FINAL == {State.REJECTED, State.DELIVERED}
    for state in FINAL:
        assert allowed_actions(state) == []


@pytest.mark.parametrize(
    ("state", "action", "actor"),
    [
        ("submitted", "approve", "writer"),
        ("changes_requested", "revise", "moderator"),
        ("in_batch", "deliver", "writer"),
    ],
)
def test_the_wrong_actor_is_refused(state, action, actor):
    with pytest.raises(TransitionError, match="Only the"):
        transition(state, action, actor=actor, reason="x")


@pytest.mark.parametrize("action", ["request_changes", "reject"])
@pytest.mark.parametrize("reason", ["", "   "])
def test_asking_for_changes_or_rejecting_needs_a_reason(action, reason):
    with pytest.raises(TransitionError, match="reason"):
        transition("submitted", action, actor="moderator", reason=reason)


@pytest.mark.parametrize(("state", "action"), [("nope", "approve"), ("submitted", "publish")])
def test_unknown_states_and_actions_are_refused(state, action):
    with pytest.raises(TransitionError, match="Unknown"):
        transition(state, action, actor="moderator")


def test_allowed_actions_by_actor():
    assert allowed_actions(State.SUBMITTED, Actor.MODERATOR) == [
        Action.APPROVE,
        Action.REQUEST_CHANGES,
        Action.REJECT,
    ]
    assert allowed_actions(State.SUBMITTED, Actor.WRITER) == []
    assert allowed_actions(State.CHANGES_REQUESTED, Actor.WRITER) == [Action.REVISE]


def test_writers_see_a_batched_letter_as_approved():
    assert WRITER_VISIBLE == {State.IN_BATCH: State.APPROVED}
