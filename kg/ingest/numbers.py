"""Numbers in a new text, each proposed as a fact with what it counts and where."""

from __future__ import annotations

import re

from kg.ingest.names import Mention
from kg.pipeline.spans import Span

COUNTED_NOUNS = {
    "іс": "numberOfCasesOpened",
    "заң": "numberOfLaws",
    "тұлға": "numberOfPersons",
    "қызметкер": "numberOfPersons",
    "адам": "numberOfPersons",
    "шенеунік": "numberOfPersons",
}
RANK = re.compile(r"(\d+)\s+мемлекеттің\s+ішінен\s+(\d+)\s+орын")


def _clause(text: str, position: int) -> Span:
    start = max(text.rfind(mark, 0, position) for mark in ".;:!?") + 1
    ends = [i for mark in ".;!?" if (i := text.find(mark, position)) != -1]
    return Span(start, min(ends) if ends else len(text))


def ranks(text: str) -> list[dict]:
    """ "168 мемлекеттің ішінен 123 орын": a rank among so many countries."""
    proposals = []
    for index, match in enumerate(RANK.finditer(text), start=1):
        observation = f"observation/rank-{index}"
        quote = " ".join(match.group().split())
        proposals.append(
            {
                "id": f"rank-{index}",
                "s": observation,
                "p": "rank",
                "value": int(match.group(2)),
                "quote": quote,
                "reviewed": False,
            }
        )
        proposals.append(
            {
                "id": f"rank-{index}-among",
                "s": observation,
                "p": "rankedAmong",
                "value": int(match.group(1)),
                "quote": quote,
                "reviewed": False,
            }
        )
    return proposals


def numbers(text: str, mentions: list[Mention]) -> list[dict]:
    """Proposed facts per number: what it counts, and the place named before it in its clause."""
    proposals = []
    in_ranks = [Span(m.start(), m.end()) for m in RANK.finditer(text)]
    for index, match in enumerate(re.finditer(r"(?<![\w-])\d+(?![\w-])", text), start=1):
        if any(r.start <= match.start() < r.end for r in in_ranks):
            continue
        if text.count("«", 0, match.start()) > text.count("»", 0, match.start()):
            continue  # a number inside a «title», such as «100 нақты қадам»
        value = int(match.group())
        if 1900 <= value <= 2100:
            continue
        after = text[match.end() : match.end() + 40].split()
        noun = after[0].strip(",.;:") if after else ""
        clause = _clause(text, match.start())
        places = [m for m in mentions if m.entity.startswith("place/") and clause.start <= m.span.start < match.start()]
        quote = " ".join(
            text[(places[-1].span.start if places else match.start()) : match.end() + len(noun) + 1].split()
        )
        measure = next((p for stem, p in COUNTED_NOUNS.items() if noun.lower().startswith(stem)), None)
        observation = f"observation/number-{index}"
        proposals.append(
            {
                "id": f"number-{index}",
                "s": observation,
                "p": measure or "TODO: the measure this number is (see ontology/kg.ttl)",
                "value": value,
                "quote": quote,
                "reviewed": False,
            }
        )
        if places:
            proposals.append(
                {
                    "id": f"number-{index}-area",
                    "s": observation,
                    "p": "refArea",
                    "o": places[-1].entity,
                    "quote": quote,
                    "reviewed": False,
                }
            )
    return proposals
