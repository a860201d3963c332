"""Report text in, question bank out: pure Python, no Django.

Stages: clean -> title/period -> sections -> sentences (``structure``), then
answer candidates -> questions and distractors -> quality gate (``generate``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .types import Bank, PipelineError


def _source_version() -> str:
    """Major version "1." plus a hash of the pipeline's own code.

    Any change to the generator makes the next import of an unchanged text
    regenerate (and update only what differs); nobody has to remember a bump.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return f"1.{digest.hexdigest()[:12]}"


GENERATOR_VERSION = _source_version()

__all__ = ["GENERATOR_VERSION", "Bank", "PipelineError", "build_bank"]


def build_bank(raw_text: str, *, title: str | None = None, period: str | None = None) -> Bank:
    """Run every stage on one chapter; raise PipelineError on unusable input."""
    from .generate import generate_bank
    from .structure import parse_document

    document = parse_document(raw_text, title=title, period=period)
    return generate_bank(document)
