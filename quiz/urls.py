from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from quiz.views import accounts, pages

urlpatterns = [
    path("", pages.home, name="home"),
    # Each area keeps its own URL list, so the pages of one feature stay together.
    path("", include("quiz.urls_learner")),
    path("", include("quiz.urls_study")),
    path("", include("quiz.urls_teacher")),
    path("staff/", pages.staff, name="staff"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    # Django's LogoutView only accepts POST, so a link or a prefetch cannot log anyone out.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
