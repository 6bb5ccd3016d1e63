"""The date-choosing algorithm: hand-made cases, then properties on random polls."""

from datetime import date, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainings.scheduling import MAYBE, NO, YES, Participant, propose_training_days

D = [date(2026, 1, 5) + timedelta(days=7 * n) for n in range(6)]  # six Mondays


def person(name, professional=False):
    return Participant(name=name, key=name, is_professional=professional)


def poll(table):
    """{name: "yy-n?"} per date in D: y=yes, m=if need be, n=no, ?=no answer."""
    codes = {"y": YES, "m": MAYBE, "n": NO}
    return {
        (name, D[i]): codes[c]
        for name, row in table.items()
        for i, c in enumerate(row)
        if c in codes
    }


def test_picks_the_days_most_residents_can_attend_all_three():
    people = [person("Ans"), person("Bram"), person("Cem"), person("Wijkregisseur", True)]
    answers = poll({"Ans": "yyyn", "Bram": "yyny", "Cem": "yyyy", "Wijkregisseur": "yyyy"})
    proposal = propose_training_days(D[:4], people, answers).proposal
    assert proposal.dates == (D[0], D[1], D[2])  # Ans and Cem every day; D3 only Bram and Cem
    assert proposal.residents_every_day == ("Ans", "Cem")
    assert proposal.residents_missing_a_day == ("Bram",)
    assert proposal.days[2].cannot == ("Bram",)


def test_a_day_without_any_professional_is_never_chosen():
    people = [person("Ans"), person("Bram"), person("Pro", True)]
    answers = poll({"Ans": "yyyy", "Bram": "yyyy", "Pro": "nyyy"})
    assert propose_training_days(D[:4], people, answers).proposal.dates == (D[1], D[2], D[3])


def test_no_proposal_when_no_set_of_days_has_a_professional_each_day():
    people = [person("Ans"), person("Pro", True)]
    outcome = propose_training_days(D[:4], people, poll({"Ans": "yyyy", "Pro": "yynn"}))
    assert outcome.proposal is None and outcome.reason == "no_professional"


def test_too_few_candidate_dates():
    outcome = propose_training_days(D[:2], [person("Pro", True)], {})
    assert outcome.proposal is None and outcome.reason == "too_few_dates"


def test_plain_yes_beats_if_need_be_when_as_many_residents_can_come():
    people = [person("Ans"), person("Bram"), person("Pro", True)]
    answers = poll({"Ans": "myyy", "Bram": "yyyy", "Pro": "yyyy"})
    assert propose_training_days(D[:4], people, answers).proposal.dates == (D[1], D[2], D[3])


def test_a_perfect_tie_goes_to_the_earliest_dates():
    people = [person("Ans"), person("Pro", True)]
    answers = poll({"Ans": "yyyyyy", "Pro": "yyyyyy"})
    assert propose_training_days(D, people, answers).proposal.dates == (D[0], D[1], D[2])


def test_unanswered_counts_as_cannot_and_is_explained_separately():
    people = [person("Ans"), person("Bram"), person("Pro", True)]
    answers = poll({"Ans": "yyy", "Bram": "y?y", "Pro": "ymy"})
    proposal = propose_training_days(D[:3], people, answers).proposal
    assert proposal.residents_missing_a_day == ("Bram",)
    assert proposal.days[1].unanswered == ("Bram",)
    assert proposal.days[1].if_need_be == ("Pro",)
    assert proposal.days[1].professionals == ("Pro",)


# --- Properties on random polls -------------------------------------------------------------

ANSWER = st.sampled_from([YES, MAYBE, NO, None])


@st.composite
def random_polls(draw):
    dates = draw(
        st.lists(
            st.sampled_from(D + [d + timedelta(days=2) for d in D]),
            min_size=0,
            max_size=9,
            unique=True,
        )
    )
    residents = draw(st.integers(min_value=0, max_value=8))
    professionals = draw(st.integers(min_value=0, max_value=2))
    people = [person(f"R{n}") for n in range(residents)] + [
        person(f"P{n}", True) for n in range(professionals)
    ]
    answers = {}
    for p in people:
        for day in dates:
            answer = draw(ANSWER)
            if answer:
                answers[(p.key, day)] = answer
    return dates, people, answers


def available(answers, p, day):
    return answers.get((p.key, day)) in (YES, MAYBE)


def valid_triples(dates, people, answers):
    pros = [p for p in people if p.is_professional]
    for triple in combinations(sorted(dates), 3):
        if all(any(available(answers, p, d) for p in pros) for d in triple):
            yield triple


def residents_every_day(triple, people, answers):
    return sum(
        1 for p in people if not p.is_professional and all(available(answers, p, d) for d in triple)
    )


@settings(max_examples=150, deadline=None)
@given(random_polls())
def test_property_proposal_is_valid_optimal_or_truly_impossible(case):
    dates, people, answers = case
    outcome = propose_training_days(dates, people, answers)
    triples = list(valid_triples(dates, people, answers))
    if outcome.proposal is None:
        assert triples == []
        return
    chosen = outcome.proposal.dates
    assert len(set(chosen)) == 3 and set(chosen) <= set(dates) and list(chosen) == sorted(chosen)
    assert chosen in triples  # a professional every day
    best = max(residents_every_day(t, people, answers) for t in triples)
    assert residents_every_day(chosen, people, answers) == best
    assert len(outcome.proposal.residents_every_day) == best


@settings(max_examples=100, deadline=None)
@given(random_polls(), st.randoms(use_true_random=False))
def test_property_input_order_does_not_change_the_outcome(case, random):
    dates, people, answers = case
    shuffled_dates, shuffled_people = list(dates), list(people)
    random.shuffle(shuffled_dates)
    random.shuffle(shuffled_people)
    assert propose_training_days(dates, people, answers) == propose_training_days(
        shuffled_dates, shuffled_people, answers
    )


@settings(max_examples=100, deadline=None)
@given(random_polls())
def test_property_explanation_names_exactly_who_cannot_come(case):
    dates, people, answers = case
    proposal = propose_training_days(dates, people, answers).proposal
    if proposal is None:
        return
    for day in proposal.days:
        missing = {p.name for p in people if not available(answers, p, day.date)}
        assert set(day.cannot) | set(day.unanswered) == missing
        assert day.professionals  # never a day without a professional
    missing_a_day = {
        p.name
        for p in people
        if not p.is_professional and not all(available(answers, p, d) for d in proposal.dates)
    }
    assert set(proposal.residents_missing_a_day) == missing_a_day
