"""`kg ingest`: draft a new article for review; train and score the mention finder."""

from __future__ import annotations

from pathlib import Path

import click

from kg.atomic import write_file
from kg.cli.common import confine, in_project, path_option, progress_printer, say


@click.command("ingest")
@click.argument("article", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write only the draft, here (- for standard output) [default: the text and its draft into data/articles/].",
)
@path_option("--data", "data_dir", project_default="data", help="Curated sources whose entities the draft links to.")
@path_option("--evaluate", "evaluate_file", help="Score the mention finder on a CoNLL/IOB2 file instead.")
@click.option(
    "--heldout",
    is_flag=True,
    help="With --evaluate: only every fifth sentence, the ones the shipped model was not trained on.",
)
@click.option(
    "--score",
    "gold",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="Score the drafting on gold annotations instead (a *.gold.yaml file or a folder of them; repeatable).",
)
@path_option("--train", "train_file", help="Train the CRF on a CoNLL/IOB2 file (all but the held-out fifth).")
@path_option("--model", help="The CRF model file [default: the packaged one].")
@click.option(
    "--iterations",
    type=click.IntRange(1),
    help="Training iterations [default: as many as the shipped model was trained with].",
)
@confine
def ingest_command(
    article: Path | None,
    output: Path | None,
    data_dir: Path | None,
    evaluate_file: Path | None,
    heldout: bool,
    gold: tuple[Path, ...],
    train_file: Path | None,
    model: Path | None,
    iterations: int | None,
) -> None:
    """Draft the facts of a new Kazakh article for a curator to review, or
    train and evaluate the mention finder.

    kg ingest ARTICLE.txt [-o DRAFT.yaml] | kg ingest --score GOLD.yaml|FOLDER
    | kg ingest --evaluate FILE.iob2 [--heldout] | kg ingest --train FILE.iob2 --model PATH
    """
    from kg.ingest.ner.model import ITERATIONS, MODEL_FILE

    if sum(x is not None for x in (article, evaluate_file, train_file, gold or None)) != 1:
        raise click.UsageError("give one of ARTICLE, --evaluate FILE, --score GOLD or --train FILE")
    model_file = model or MODEL_FILE
    if train_file is not None:
        from kg.ingest.ner.model import train_file as train

        train(train_file, model_file, iterations or ITERATIONS, progress_printer(False))
        return
    if evaluate_file is not None:
        from kg.ingest.ner.evaluate import evaluate_file as evaluate

        say(evaluate(evaluate_file, model_file, heldout), nl=False)
        return
    from kg.ingest.draft import draft
    from kg.ingest.ner.model import Tagger

    if gold:
        from kg.ingest.score import score_files

        say(score_files(gold, Tagger(model_file), in_project(data_dir, "data")), nl=False)
        return

    data = in_project(data_dir, "data")
    if output is None:
        from kg.ingest.draft import ingest_into

        text_path, draft_path = ingest_into(article, data, Tagger(model_file))
        say(f"kg: wrote {text_path} and its draft {draft_path}; review it, then kg build", err=True)
        return
    text = draft(article, Tagger(model_file), data)
    if str(output) == "-":
        say(text, nl=False)
    else:
        write_file(output, text.encode("utf-8"))
        say(f"kg: wrote {output}", err=True)


COMMANDS = (ingest_command,)
