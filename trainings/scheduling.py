"""Choosing the three training days with the participants.

The organiser proposes candidate dates; every participant answers yes, "if need be"
or no per date. `propose_training_days` is a pure function: it looks at every set of
three candidate dates and keeps the best one, where "best" is, in this order:

1. a professional can be there on each day (a set without one is never proposed);
2. the most residents who can come on *every* day (yes or if need be) — the training
   is three days, and only who attends all three completes it;
3. of those, the most residents who said a plain yes to every day;
4. the most professionals who can come on every day (continuity for the group);
5. the most "yes" answers in total (fewer people who come only if need be);
6. the earliest dates (compared day by day) — so ties always resolve the same way,
   whatever order the dates or people were given in.

A participant who did not answer a date counts as not being able to come that day.
The result explains the choice: per day who cannot come, who has not answered and who
comes only if need be, and which residents would miss at least one day.

With at most 30 candidate dates that is at most 4,060 sets; each is scored with a few
set operations, well under a tenth of a second.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

YES, MAYBE, NO = "yes", "maybe", "no"
TRAINING_DAYS = 3
MAX_CANDIDATES = 30


@dataclass(frozen=True, order=True)
class Participant:
    name: str
    key: str  # stable and unique (e.g. the member's id); names may repeat
    is_professional: bool = False


@dataclass(frozen=True)
class DayExplanation:
    date: date
    cannot: tuple[str, ...]
    unanswered: tuple[str, ...]
    if_need_be: tuple[str, ...]
    professionals: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    dates: tuple[date, ...]
    residents_every_day: tuple[str, ...]
    residents_missing_a_day: tuple[str, ...]
    days: tuple[DayExplanation, ...]
    score: tuple = field(compare=False, repr=False)


@dataclass(frozen=True)
class Outcome:
    """Either a proposal, or the reason why none is possible."""

    proposal: Proposal | None
    reason: str = ""  # "too_few_dates", "too_many_dates" or "no_professional"


def propose_training_days(
    candidates: Iterable[date],
    participants: Iterable[Participant],
    answers: Mapping[tuple[str, date], str],
    days: int = TRAINING_DAYS,
) -> Outcome:
    """The best `days` candidate dates for this group; see the module docstring.

    `answers` maps (participant key, date) to "yes", "maybe" or "no"; missing is "no".
    """
    dates = sorted(set(candidates))
    people = sorted(set(participants))
    if len(dates) < days:
        return Outcome(None, "too_few_dates")
    if len(dates) > MAX_CANDIDATES:
        return Outcome(None, "too_many_dates")
    can_come = {p.key: _dates_with(p, answers, dates, {YES, MAYBE}) for p in people}
    says_yes = {p.key: _dates_with(p, answers, dates, {YES}) for p in people}
    residents = [p for p in people if not p.is_professional]
    professionals = [p for p in people if p.is_professional]

    best, best_score = None, None
    for chosen in combinations(dates, days):
        chosen_set = frozenset(chosen)
        if not all(any(day in can_come[p.key] for p in professionals) for day in chosen):
            continue
        score = (
            sum(1 for p in residents if chosen_set <= can_come[p.key]),
            sum(1 for p in residents if chosen_set <= says_yes[p.key]),
            sum(1 for p in professionals if chosen_set <= can_come[p.key]),
            sum(len(chosen_set & says_yes[p.key]) for p in people),
            tuple(-day.toordinal() for day in chosen),  # earlier dates win a tie
        )
        if best_score is None or score > best_score:
            best, best_score = chosen, score
    if best is None:
        return Outcome(None, "no_professional")
    return Outcome(_explain(best, best_score, people, answers, can_come))


def _dates_with(participant, answers, dates, accepted):
    return frozenset(day for day in dates if answers.get((participant.key, day)) in accepted)


def _explain(chosen, score, people, answers, can_come):
    chosen_set = frozenset(chosen)
    residents = [p for p in people if not p.is_professional]
    explanations = []
    for day in chosen:
        given = {p: answers.get((p.key, day)) for p in people}
        explanations.append(
            DayExplanation(
                date=day,
                cannot=tuple(p.name for p in people if given[p] == NO),
                unanswered=tuple(p.name for p in people if given[p] not in (YES, MAYBE, NO)),
                if_need_be=tuple(p.name for p in people if given[p] == MAYBE),
                professionals=tuple(
                    p.name for p in people if p.is_professional and day in can_come[p.key]
                ),
            )
        )
    return Proposal(
        dates=tuple(chosen),
        residents_every_day=tuple(p.name for p in residents if chosen_set <= can_come[p.key]),
        residents_missing_a_day=tuple(
            p.name for p in residents if not chosen_set <= can_come[p.key]
        ),
        days=tuple(explanations),
        score=score,
    )
