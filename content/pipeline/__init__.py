"""Report text in, question bank out: pure Python, no Django.

Stages: clean -> title/period -> sections -> sentences (``structure``), then
answer candidates -> questions and distractors -> quality gate (``generate``).
"""

from __future__ import annotations

from .types import Bank, PipelineError

GENERATOR_VERSION = "1"

__all__ = ["GENERATOR_VERSION", "Bank", "PipelineError", "build_bank"]


def build_bank(raw_text: str, *, title: str | None = None, period: str | None = None) -> Bank:
    """Run every stage on one chapter; raise PipelineError on unusable input."""
    from .generate import generate_bank
    from .structure import parse_document

    document = parse_document(raw_text, title=title, period=period)
    return generate_bank(document)
