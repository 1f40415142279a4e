"""Reported speech in a new text, with the speaker it resolves to."""

from __future__ import annotations

import re

from kg.ingest.names import Mention

# Reported speech: "– … – деп атап өтті X", "– …, – деген X", "X-тың айтуынша, …".
SPEECH_CLOSERS = re.compile(
    r"[–—-]\s*(?:деп\s+(?:атап\s+|тоқталып\s+)?өтті|деген)"
    r"(?:[ \u00a0]+(?P<name>[А-ЯӘҒҚҢӨҰҮҺІЁ]\w*(?:\s[А-ЯӘҒҚҢӨҰҮҺІЁ]\w*)?))?"
)
SPEECH_OPENER = re.compile(r"(?:^|[.!?»]\s+)([–—])\s")
ACCORDING_TO = re.compile(r"(?P<name>(?:[А-ЯӘҒҚҢӨҰҮҺІЁ]\w*\s){1,2})?\w*(?:ның|нің|тың|тің|дың|дің)\s+айтуынша")


def _person(name: str, mentions: list[Mention], before: int) -> str | None:
    for mention in mentions:
        if mention.entity.startswith("person/") and name and mention.text.split()[0] == name.split()[0]:
            return mention.entity
    previous = [m for m in mentions if m.entity.startswith("person/") and m.span.start < before]
    return previous[-1].entity if previous else None


def _speech_start(text: str, closer: int) -> int:
    """Where reported speech ending at ``closer`` begins: its opening « when it
    is quoted, else the dash that opens a sentence."""
    before = text[:closer].rstrip(" ,\u00a0")
    if before.endswith("»"):
        depth = 0
        for index in range(len(before) - 1, -1, -1):
            depth += {"»": 1, "«": -1}.get(before[index], 0)
            if depth == 0:
                return index
    openers = [m.start(1) for m in SPEECH_OPENER.finditer(text, 0, closer)]
    return openers[-1] if openers else max(text.rfind(". ", 0, closer), 0)


def attributions(text: str, mentions: list[Mention]) -> list[dict]:
    """Who the text reports as saying what: the speech and the speaker it resolves to."""
    found = []
    for closer in SPEECH_CLOSERS.finditer(text):
        opening = _speech_start(text, closer.start())
        speech = " ".join(text[opening : closer.start()].strip(" –,").split())
        name = (closer.group("name") or "").strip()
        found.append(
            {
                "speech": speech,
                "said_by": name or None,
                "speaker": _person(name, mentions, opening),
                "cue": " ".join(closer.group().split()),
            }
        )
    for match in ACCORDING_TO.finditer(text):
        end = text.find(".", match.end())
        speech = " ".join(text[match.end() : end if end != -1 else len(text)].strip(" ,").split())
        name = (match.group("name") or "").strip()
        mention = next(
            (
                m
                for m in mentions
                if m.span.start <= match.start() < m.span.end or match.start() <= m.span.start < match.end()
            ),
            None,
        )
        speaker = mention.entity if mention and mention.entity.startswith("person/") else _person(name, mentions, 0)
        found.append(
            {"speech": speech, "said_by": match.group().split(" айтуынша")[0], "speaker": speaker, "cue": "айтуынша"}
        )
    return found
