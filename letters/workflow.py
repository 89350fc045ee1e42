"""The life of a letter as data: its states, the actions that move it, and who may take them.

Pure: no Django. Services ask `transition()` for the next state and store it; anything the table
does not list is refused with a `TransitionError` saying what is allowed instead.
"""

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    IN_BATCH = "in_batch"
    DELIVERED = "delivered"


class Action(StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    REVISE = "revise"
    BATCH = "batch"
    DELIVER = "deliver"


class Actor(StrEnum):
    WRITER = "writer"
    MODERATOR = "moderator"


@dataclass(frozen=True)
class Rule:
    source: State
    action: Action
    target: State
    actor: Actor
    needs_reason: bool = False


RULES: tuple[Rule, ...] = (
    Rule(State.SUBMITTED, Action.APPROVE, State.APPROVED, Actor.MODERATOR),
    Rule(
        State.SUBMITTED,
        Action.REQUEST_CHANGES,
        State.CHANGES_REQUESTED,
        Actor.MODERATOR,
        needs_reason=True,
    ),
    Rule(State.SUBMITTED, Action.REJECT, State.REJECTED, Actor.MODERATOR, needs_reason=True),
    Rule(State.CHANGES_REQUESTED, Action.REVISE, State.SUBMITTED, Actor.WRITER),
    Rule(State.APPROVED, Action.BATCH, State.IN_BATCH, Actor.MODERATOR),
    Rule(State.IN_BATCH, Action.DELIVER, State.DELIVERED, Actor.MODERATOR),
)
TRANSITIONS: dict[tuple[State, Action], Rule] = {(r.source, r.action): r for r in RULES}
INITIAL = State.SUBMITTED
FINAL = frozenset({State.REJECTED, State.DELIVERED})
# What a writer sees on the status page: a batched letter is still "approved" to them.
WRITER_VISIBLE: dict[State, State] = {State.IN_BATCH: State.APPROVED}


class TransitionError(Exception):
    """The action is not allowed from the letter's current state (or not for this actor)."""


def allowed_actions(state: State, actor: Actor | None = None) -> list[Action]:
    """The actions the table allows from *state*, for *actor* when given."""
    return [r.action for r in RULES if r.source == state and (actor is None or r.actor == actor)]


def rule_for(state: State | str, action: Action | str) -> Rule:
    """The rule for taking *action* in *state*; TransitionError when there is none."""
    try:
        state, action = State(state), Action(action)
    except ValueError as exc:
        raise TransitionError(f"Unknown state or action: {exc}") from exc
    rule = TRANSITIONS.get((state, action))
    if rule is None:
        allowed = ", ".join(a.value for a in allowed_actions(state)) or "none (it is final)"
        raise TransitionError(
            f"A letter that is {state.value} cannot be given the action {action.value!r}; "
            f"allowed: {allowed}."
        )
    return rule


def transition(
    state: State | str, action: Action | str, *, actor: Actor | str, reason: str = ""
) -> State:
    """The state after *actor* takes *action* in *state*; TransitionError when refused."""
    rule = rule_for(state, action)
    if Actor(actor) != rule.actor:
        raise TransitionError(f"Only the {rule.actor.value} may {rule.action.value} a letter.")
    if rule.needs_reason and not reason.strip():
        raise TransitionError(f"Give a reason to {rule.action.value.replace('_', ' ')}.")
    return rule.target
