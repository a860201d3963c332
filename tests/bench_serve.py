"""make bench, serve section: quiz answers posted to gunicorn as `make serve` runs it.

For SQLite (always) and PostgreSQL (when ``DATABASE_URL`` points there) this makes a fresh
database (a SQLite file in a temporary folder; a PostgreSQL database beside the configured
one), migrates it, collects static files and starts gunicorn with `make serve`'s command and
environment on a free port of 127.0.0.1. Students, each logged in with a quiz started, are
made beforehand. Then ``REQUESTS`` answer posts, all different, go through 8 and then 50
concurrent connections, and a line is printed per run::

    bench: serve-answers engine=sqlite workers=2 connections=8 requests=N errors=E rps=R client=wrk

``errors`` counts responses that are not 2xx/3xx plus socket errors (connect, read, write,
timeout). ``client`` says what sent the requests: Debian's ``wrk`` when installed, else a
Python client with one thread per connection. This section uses its own databases, not the
bench's throwaway test database.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from tests.serve_clients import python_client, wrk_client

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 2  # as `make serve`
CONNECTIONS = (8, 50)
REQUESTS = 1000
PER_QUIZ = 20  # answers each student's quiz takes


def seed(count: int, out: Path) -> None:
    """Make ``count`` answer posts ready to send, written to ``out`` as JSON.

    Each is ``{"path", "body", "cookie"}``: a student's answer to one question of their
    started quiz, with a session cookie (made directly in the session store, as a login
    would) and a CSRF token. Consecutive posts belong to different students.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse

    from quiz.sessions import session_start
    from tests.factories import QuestionFactory

    bank = QuestionFactory.create_batch(PER_QUIZ, type="fill_in", answer="songbun", choices=[])
    students = (count + PER_QUIZ - 1) // PER_QUIZ
    per_student = []
    for n in range(students):
        # An unusable password: hashing a real one would take longer than the benchmark.
        user = User.objects.create(username=f"serve-bench-{n}", password="!")
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        csrf = secrets.token_hex(16)  # 32 characters: the unmasked secret form Django accepts
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}"
        )
        quiz = session_start(user=user, length=PER_QUIZ, questions=bank)
        path = reverse("session_answer", args=[quiz.pk])
        per_student.append(
            [
                {
                    "path": path,
                    "cookie": cookie,
                    "body": urlencode(
                        {"question": q.pk, "response": "songbun", "csrfmiddlewaretoken": csrf}
                    ),
                }
                for q in bank
            ]
        )
    posts = [posts[k] for k in range(PER_QUIZ) for posts in per_student]
    out.write_text(json.dumps(posts[:count]))


def serve_env(database_url: str) -> dict[str, str]:
    """`make serve`'s environment (DEBUG off, local hosts, no HTTPS redirect, a random key)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
    }


def _python(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, timeout=300, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):  # at most 30 s
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                if sock.recv(12).startswith(b"HTTP/"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 30 s")


def bench_engine(engine: str, database_url: str, workdir: Path) -> None:
    """Migrate, seed, serve with gunicorn and print one line per connection count."""
    env = serve_env(database_url)
    _python(env, "manage.py", "migrate", "--noinput")
    _python(env, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
    posts_file = workdir / f"posts-{engine}.json"
    _python(
        env, "-m", "tests.bench_serve", "seed", str(REQUESTS * len(CONNECTIONS)), str(posts_file)
    )
    posts = json.loads(posts_file.read_text())
    port = _free_port()
    with open(workdir / f"gunicorn-{engine}.log", "wb") as log:
        server = subprocess.Popen(
            [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(WORKERS), "--access-logfile", "-"],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
        try:
            _wait_until_serving(port, server)
            for i, connections in enumerate(CONNECTIONS):
                batch = posts[i * REQUESTS : (i + 1) * REQUESTS]
                if shutil.which("wrk"):
                    name, done, errors, seconds = (
                        "wrk",
                        *wrk_client(port, batch, connections, workdir),
                    )
                else:
                    name, done, errors, seconds = "python", *python_client(port, batch, connections)
                print(
                    f"bench: serve-answers engine={engine} workers={WORKERS} "
                    f"connections={connections} requests={done} errors={errors} "
                    f"rps={done / seconds:.0f} client={name}",
                    flush=True,
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def _postgres_database(url: str, name: str, *, create: bool) -> str:
    """(Re)create or drop database ``name`` on ``url``'s server; returns its URL."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def run() -> None:
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="reportcard-serve-bench-") as folder:
        workdir = Path(folder)
        bench_engine("sqlite", f"sqlite:///{workdir / 'db.sqlite3'}", workdir)
        if url.startswith(("postgres://", "postgresql://")):
            name = f"{url.rsplit('/', 1)[-1].split('?')[0]}_serve_bench"
            try:
                bench_engine("postgresql", _postgres_database(url, name, create=True), workdir)
            finally:
                _postgres_database(url, name, create=False)


if __name__ == "__main__" and sys.argv[1:2] == ["seed"]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    seed(int(sys.argv[2]), Path(sys.argv[3]))
