"""The class services: making, renaming, archiving classes; joining, leaving, removing."""

from __future__ import annotations

import pytest

from quiz.classrooms import (
    CODE_ALPHABET,
    CODE_LENGTH,
    ClassArchived,
    ClassroomError,
    UnknownCode,
    class_join,
    class_leave,
    classroom_archive,
    classroom_create,
    classroom_regenerate_code,
    classroom_rename,
    classroom_restore,
    format_code,
    normalize_code,
    student_remove,
)
from quiz.models import Classroom, Membership
from tests.factories import ClassroomFactory, MembershipFactory, StudentFactory

pytestmark = pytest.mark.django_db


def test_a_new_class_gets_an_eight_character_code_without_ambiguous_letters(teacher):
    classroom = classroom_create(teacher=teacher, name="  History   10B ")

    assert classroom.name == "History 10B"
    assert classroom.teacher == teacher
    assert len(classroom.join_code) == CODE_LENGTH
    assert set(classroom.join_code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_every_class_gets_its_own_code(teacher):
    codes = {classroom_create(teacher=teacher, name=f"Class {n}").join_code for n in range(30)}

    assert len(codes) == 30


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_class_needs_a_name_of_sensible_length(teacher, name):
    with pytest.raises(ClassroomError):
        classroom_create(teacher=teacher, name=name)

    assert not Classroom.objects.exists()


def test_renaming_keeps_the_code_and_the_students(teacher, student):
    classroom = classroom_create(teacher=teacher, name="Old")
    class_join(student=student, code=classroom.join_code)
    code = classroom.join_code

    classroom_rename(classroom=classroom, name="New name")

    classroom.refresh_from_db()
    assert (classroom.name, classroom.join_code) == ("New name", code)
    assert list(classroom.students.all()) == [student]


def test_a_student_joins_with_the_code_typed_any_way(teacher, student):
    classroom = classroom_create(teacher=teacher, name="History")
    typed = " " + format_code(classroom.join_code).lower() + " "

    membership, created = class_join(student=student, code=typed)

    assert created
    assert membership.classroom == classroom
    assert membership.student == student


def test_joining_twice_keeps_one_membership(teacher, student):
    classroom = classroom_create(teacher=teacher, name="History")
    class_join(student=student, code=classroom.join_code)

    _membership, created = class_join(student=student, code=classroom.join_code)

    assert not created
    assert Membership.objects.filter(classroom=classroom, student=student).count() == 1


def test_a_student_may_be_in_several_classes(teacher, other_teacher, student):
    first = classroom_create(teacher=teacher, name="History")
    second = classroom_create(teacher=other_teacher, name="Civics")

    class_join(student=student, code=first.join_code)
    class_join(student=student, code=second.join_code)

    assert set(student.enrolled_classrooms.all()) == {first, second}


@pytest.mark.parametrize("code", ["", "   ", "----", "NOSUCHCD", "abc", "x" * 200])
def test_a_wrong_code_joins_nothing_and_says_so(student, code):
    ClassroomFactory(join_code="ABCDEFGH")

    with pytest.raises(UnknownCode) as raised:
        class_join(student=student, code=code)

    assert str(raised.value)
    assert not Membership.objects.exists()


def test_an_archived_class_cannot_be_joined(student):
    classroom = classroom_archive(classroom=ClassroomFactory())

    with pytest.raises(ClassArchived, match="archived"):
        class_join(student=student, code=classroom.join_code)

    assert not Membership.objects.exists()


def test_a_restored_class_can_be_joined_again(student):
    classroom = classroom_archive(classroom=ClassroomFactory())

    classroom_restore(classroom=classroom)
    class_join(student=student, code=classroom.join_code)

    assert classroom.archived_at is None
    assert Membership.objects.filter(classroom=classroom, student=student).exists()


def test_a_teacher_cannot_join_their_own_class(teacher):
    classroom = classroom_create(teacher=teacher, name="Mine")

    with pytest.raises(ClassroomError, match="own class"):
        class_join(student=teacher, code=classroom.join_code)


def test_a_new_code_retires_the_old_one_but_keeps_the_students(teacher, student, other_student):
    classroom = classroom_create(teacher=teacher, name="History")
    class_join(student=student, code=classroom.join_code)
    old = classroom.join_code

    new = classroom_regenerate_code(classroom=classroom)

    assert new != old
    assert Classroom.objects.get(pk=classroom.pk).join_code == new
    with pytest.raises(UnknownCode):
        class_join(student=other_student, code=old)
    class_join(student=other_student, code=new)
    assert set(classroom.students.all()) == {student, other_student}


def test_a_student_leaves_a_class_and_can_rejoin(student):
    classroom = ClassroomFactory()
    class_join(student=student, code=classroom.join_code)

    class_leave(student=student, classroom=classroom)

    assert not Membership.objects.filter(student=student).exists()
    class_join(student=student, code=classroom.join_code)
    assert Membership.objects.filter(student=student).count() == 1


def test_leaving_a_class_one_is_not_in_is_refused(student):
    with pytest.raises(ClassroomError):
        class_leave(student=student, classroom=ClassroomFactory())


def test_the_teacher_removes_one_student_and_the_others_stay(teacher):
    classroom = ClassroomFactory(teacher=teacher)
    leaving, staying = StudentFactory(), StudentFactory()
    MembershipFactory(classroom=classroom, student=leaving)
    MembershipFactory(classroom=classroom, student=staying)

    student_remove(classroom=classroom, student=leaving)

    assert list(classroom.students.all()) == [staying]


def test_removing_someone_not_in_the_class_is_refused(student):
    other_class = ClassroomFactory()
    MembershipFactory(classroom=other_class, student=student)

    with pytest.raises(ClassroomError):
        student_remove(classroom=ClassroomFactory(), student=student)

    assert Membership.objects.filter(classroom=other_class, student=student).exists()


def test_archiving_twice_keeps_the_first_date():
    classroom = classroom_archive(classroom=ClassroomFactory())
    first = classroom.archived_at

    classroom_archive(classroom=classroom)

    assert Classroom.objects.get(pk=classroom.pk).archived_at == first


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("abcd-efgh", "ABCDEFGH"), (" AB CD EF GH ", "ABCDEFGH"), ("ab\u00a0cd", "ABCD"), ("", "")],
)
def test_codes_are_read_without_case_spaces_or_hyphens(typed, expected):
    assert normalize_code(typed) == expected
