"""URLs of the teacher pages (/teach/) and of the student's side of classes (/join/, /classes/).

Included by quiz/urls.py before its own patterns, so /teach/ is the classes list here.
"""

from __future__ import annotations

from django.urls import path

from quiz.views import classes, teach

urlpatterns = [
    # The teacher.
    path("teach/", teach.classes, name="teach"),
    path("teach/classes/new/", teach.class_create, name="teach_class_create"),
    path("teach/classes/<id:pk>/", teach.class_detail, name="teach_class"),
    path("teach/classes/<id:pk>/rename/", teach.class_rename, name="teach_class_rename"),
    path("teach/classes/<id:pk>/archive/", teach.class_archive, name="teach_class_archive"),
    path("teach/classes/<id:pk>/restore/", teach.class_restore, name="teach_class_restore"),
    path("teach/classes/<id:pk>/code/", teach.class_code, name="teach_class_code"),
    path("teach/classes/<id:pk>/reteach/", teach.reteach, name="teach_reteach"),
    path(
        "teach/classes/<id:pk>/questions/<id:question_pk>/",
        teach.question_detail,
        name="teach_question",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/",
        teach.student_detail,
        name="teach_student",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/remove/",
        teach.student_remove_view,
        name="teach_student_remove",
    ),
    path(
        "teach/classes/<id:pk>/assignments/new/",
        teach.assignment_new,
        name="teach_assignment_create",
    ),
    path(
        "teach/classes/<id:pk>/export/assignments.csv",
        teach.class_assignments_csv,
        name="teach_class_assignments_csv",
    ),
    path(
        "teach/classes/<id:pk>/export/topics.csv",
        teach.class_topics_csv,
        name="teach_class_topics_csv",
    ),
    path("teach/assignments/<id:pk>/", teach.assignment_detail, name="teach_assignment"),
    path("teach/assignments/<id:pk>/edit/", teach.assignment_edit, name="teach_assignment_edit"),
    path(
        "teach/assignments/<id:pk>/export.csv",
        teach.assignment_csv,
        name="teach_assignment_csv",
    ),
    # The student.
    path("join/", classes.join, name="join"),
    path("join/<str:code>/", classes.join_class, name="join_class"),
    path("classes/", classes.my_classes, name="my_classes"),
    path("classes/<id:pk>/leave/", classes.leave, name="class_leave"),
    path("classes/assignments/<id:pk>/", classes.assignment_detail, name="class_assignment"),
    path(
        "classes/assignments/<id:pk>/start/",
        classes.assignment_start,
        name="class_assignment_start",
    ),
]
