"""Report text in, question bank out: pure Python, no Django.

Stages: read (any format into blocks) -> body -> title/period -> outline ->
sections -> sentences (``structure``), then
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


def build_bank(
    data: bytes | str,
    *,
    filename: str = "",
    title: str | None = None,
    period: str | None = None,
) -> Bank:
    """Run every stage on one chapter file; raise PipelineError on unusable input.

    ``data`` is the file's bytes (text, Markdown, HTML or PDF, told by the
    content, ``filename``'s extension breaking ties) or already decoded text.
    """
    from .generate import generate_bank
    from .structure import parse_file

    if isinstance(data, str):
        data = data.encode("utf-8")
    document = parse_file(data, filename=filename, title=title, period=period)
    return generate_bank(document)
