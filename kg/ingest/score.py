"""Score what `kg ingest` finds against a curator's annotation of real articles.

A gold file (YAML) names its article (``article: NN.txt``, beside it) and
lists mentions (span, type, link), numbers (span, value, what they count),
dates (span, value or relative) and reported speech (span, speaker's span
and link), with exact code-point offsets. Mentions count when span and type
are exact; a link is wrong unless a gold mention it overlaps has the same
link; a number counts when its span overlaps and its value is the same; a
date when its span overlaps and it is relative or has the same value; a
speech when its span overlaps and its speaker is the same (overlapping span
or the same entity). A gold file that annotates only some kinds says which
(``annotated: [speech]``): the others are not scored on its article, and a
kind no file annotates is written "-" in the summary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import SourceError
from kg.ingest.analysis import Analysis, Found, overlaps
from kg.ingest.names import gazetteer, reference_places
from kg.ingest.ner.model import Tagger
from kg.pipeline.sources import load_yaml, read_text

KINDS = ("mentions", "numbers", "dates", "speech")


@dataclass(frozen=True)
class Gold:
    path: Path
    text: str
    items: dict  # mentions, numbers, dates, speech: lists of dicts
    annotated: tuple[str, ...] = KINDS


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    by_type: dict[str, Counter] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        self.counts.update(other.counts)
        for kind, counts in other.by_type.items():
            self.by_type.setdefault(kind, Counter()).update(counts)


def load_gold(path: Path) -> Gold:
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise SourceError(f"{path}: a gold file names its article ('article: NN.txt') and lists what it holds")
    text = read_text(path.parent / data["article"])
    for kind in KINDS:
        for item in data.get(kind) or []:
            if text[item["start"] : item["end"]] != item["text"]:
                raise SourceError(f"{path}: {kind} item {item['text']!r} is not at {item['start']}-{item['end']}")
    return Gold(path, text, {k: list(data.get(k) or []) for k in KINDS}, _annotated(path, data))


def _annotated(path: Path, data: dict) -> tuple[str, ...]:
    kinds = data.get("annotated", list(KINDS))
    if not isinstance(kinds, list) or not kinds or not set(kinds) <= set(KINDS):
        raise SourceError(f"{path}: 'annotated' lists the kinds the file annotates, of {', '.join(KINDS)}")
    return tuple(kind for kind in KINDS if kind in kinds)


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """The gold files named, and those in the folders named."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.gold.yaml")) if path.is_dir() else [path]
    if not found:
        raise SourceError("no gold files (*.gold.yaml) found")
    return found


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-3)


def score(analysis: Analysis, gold: Gold) -> Tally:
    tally = Tally()
    counts = tally.counts
    counts.update(f"{kind}_annotated" for kind in gold.annotated)
    if "mentions" in gold.annotated:
        _score_mentions(analysis, gold.items["mentions"], tally)
    if "numbers" in gold.annotated:
        counts["numbers_gold"] += len(gold.items["numbers"])
        counts["numbers_right"] += sum(
            any(overlaps(n, g) and _same_value(n.value, g["value"]) for n in analysis.numbers)
            for g in gold.items["numbers"]
        )
        counts["numbers_found"] += len(analysis.numbers)
    if "dates" in gold.annotated:
        counts["dates_gold"] += len(gold.items["dates"])
        counts["dates_right"] += sum(any(_same_date(d, g) for d in analysis.dates) for g in gold.items["dates"])
        counts["dates_found"] += len(analysis.dates)
    if "speech" in gold.annotated:
        counts["speech_gold"] += len(gold.items["speech"])
        counts["speech_right"] += sum(any(_same_speech(s, g) for s in analysis.speech) for g in gold.items["speech"])
        counts["speech_found"] += len(analysis.speech)
    return tally


def _score_mentions(analysis: Analysis, wanted: list[dict], tally: Tally) -> None:
    counts = tally.counts
    for mention in wanted:
        tally.by_type.setdefault(mention["type"], Counter())["gold"] += 1
    for found in analysis.mentions:
        exact = [g for g in wanted if (g["start"], g["end"]) == (found.start, found.end)]
        counts["mentions_found"] += 1
        tally.by_type.setdefault(found.type, Counter())["found"] += 1
        if any(g["type"] == found.type for g in exact):
            counts["mentions_right"] += 1
            tally.by_type[found.type]["right"] += 1
        if exact:
            counts["mention_spans_right"] += 1
        if found.link is not None:
            counts["links"] += 1
            if not any(overlaps(found, g) and g.get("link") == found.link for g in wanted):
                counts["wrong_links"] += 1
    counts["mentions_gold"] += len(wanted)


def _same_date(found: Found, gold: dict) -> bool:
    if not overlaps(found, gold):
        return False
    if gold.get("relative"):
        return bool(getattr(found, "relative", False))
    return getattr(found, "value", None) == gold.get("value")


def _same_speech(found: Found, gold: dict) -> bool:
    if not overlaps(found, gold):
        return False
    if gold.get("speaker_start") is None:
        return getattr(found, "speaker_start", None) is None
    link = gold.get("speaker_link")
    if link is not None and getattr(found, "speaker_link", None) == link:
        return True
    start, end = getattr(found, "speaker_start", None), getattr(found, "speaker_end", None)
    return start is not None and end is not None and start < gold["speaker_end"] and gold["speaker_start"] < end


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def report(tally: Tally, articles: int) -> str:
    """Per kind and per mention type, then one line:
    ``mentions P p R r F1 f; wrong links w/l; numbers n/N; dates d/D; speech s/S``."""
    c = tally.counts
    precision = _ratio(c["mentions_right"], c["mentions_found"])
    recall = _ratio(c["mentions_right"], c["mentions_gold"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lines = [f"{articles} article(s) scored", f"{'mention type':<14}  found  right  gold  precision  recall"]
    for kind, counts in sorted(tally.by_type.items(), key=lambda kv: (-kv[1]["gold"], kv[0])):
        lines.append(
            f"{kind:<14}  {counts['found']:5d}  {counts['right']:5d}  {counts['gold']:4d}  "
            f"{_ratio(counts['right'], counts['found']):9.3f}  {_ratio(counts['right'], counts['gold']):6.3f}"
        )
    lines.append(
        f"mention spans right whatever the type: {c['mention_spans_right']}/{c['mentions_gold']}; "
        f"numbers found {c['numbers_found']}, dates found {c['dates_found']}, speech found {c['speech_found']}"
    )
    mentions = f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}; wrong links {c['wrong_links']}/{c['links']}"
    summary = {
        "mentions": mentions,
        **{kind: f"{c[f'{kind}_right']}/{c[f'{kind}_gold']}" for kind in ("numbers", "dates", "speech")},
    }
    unscored = {"mentions": "P - R - F1 -; wrong links -/-"}
    lines.append(
        "; ".join(f"{kind} {summary[kind] if c[f'{kind}_annotated'] else unscored.get(kind, '-/-')}" for kind in KINDS)
    )
    return "\n".join(lines) + "\n"


def score_files(paths: Iterable[Path], tagger: Tagger, data_dir: Path) -> str:
    """Draft each gold file's article with the known entities of ``data_dir`` and score it."""
    from kg.ingest.draft import analyse

    forms, places = gazetteer(data_dir), reference_places(data_dir)
    total = Tally()
    files = gold_files(paths)
    for path in files:
        gold = load_gold(path)
        total.add(score(analyse(gold.text, tagger, forms, places), gold))
    return report(total, len(files))
