"""Read-side queries about assignments (the teacher issue fills this in)."""

from __future__ import annotations


def student_assignments(user) -> list:
    """Open assignments of the student's classes with their status, soonest due first."""
    return []
