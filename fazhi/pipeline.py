"""The one path documents take through strip → normalize → extract → validate, for every caller.

The flows' process task runs it on each batch (in a worker process), `fazhi extract` on one
document, bench/measure.py and tests/gold_scorer.py on theirs: what is timed and scored is
what users run. Each stage handles a batch; a document a stage fails on is rejected with the
failure as its status, never the rest of its batch.
"""

from __future__ import annotations

from collections.abc import Callable

from tasks.extract.report import extract_batch
from tasks.normalize.normalize import normalize_batch
from tasks.records import Batch, Extraction, FetchedDocument, NormalizedPage, timed
from tasks.strip.strip import strip_batch


def stages(validate: bool = True) -> list[tuple[str, Callable[[Batch], Batch]]]:
    """(name, batch function) of each stage in order; validation (pandas and GX, loaded only
    where batches are validated) when ``validate``."""
    out = [("strip", strip_batch), ("normalize", normalize_batch), ("extract", extract_batch)]
    if validate:
        from tasks.validate.checks import validate_batch

        out.append(("validate", validate_batch))
    return out


def process(batch: Batch, validate: bool = True) -> Batch:
    """The batch through every stage, each stage's wall and CPU seconds kept on the batch."""
    for name, run in stages(validate):
        batch = timed(name, run, batch)
    return batch


def process_document(doc: FetchedDocument) -> tuple[NormalizedPage, Extraction | None]:
    """One document, unvalidated (what `fazhi extract` prints); no extraction for a page
    that is not a report."""
    batch = process(Batch(doc.source_id, docs=[doc]), validate=False)
    return batch.pages[0], batch.extractions[0]
