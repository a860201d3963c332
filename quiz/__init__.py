"""Learners, teachers and their pages: accounts, roles, and later quizzes and classes."""
