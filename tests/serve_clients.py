"""The HTTP load clients of tests/bench_serve.py: wrk (Debian's package) or plain Python.

Both send each prepared post once (``{"path", "body", "cookie"}``, as an htmx form post)
over ``connections`` concurrent connections to 127.0.0.1:``port``, and return
``(requests completed, errors, seconds)``. Errors are responses that are not 2xx/3xx plus
socket errors (connect, read, write, timeout).
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TIMEOUT_S = 10
CEILING_S = 120  # the longest a run may take
HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}

# One wrk thread drives every connection (it is far faster than two gunicorn workers); it
# stops once each post is answered, and leaves a file saying so. A connection that asks for
# more meanwhile replays one of the first posts: an idempotent answer. wrk itself runs until
# its duration is over or SIGINT, so the caller sends SIGINT when the file appears (a thread
# stopped early would also leave idle connections that block gunicorn's sync workers).
WRK_SCRIPT = """
function request()
  sent = (sent or 0) + 1
  local p = posts[(sent - 1) % #posts + 1]
  return wrk.format("POST", p[1], {
    ["Cookie"] = p[2],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["HX-Request"] = "true",
  }, p[3])
end
function response(status, headers, body)
  received = (received or 0) + 1
  if received == #posts then
    io.open(done_file, "w"):close()
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-result requests=%d duration_us=%d errors=%d\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def wrk_client(port: int, posts: list[dict], connections: int, workdir: Path):
    """Send ``posts`` with wrk; returns (requests, errors, seconds) from its own summary."""
    rows = ",\n".join(
        "{" + ", ".join(json.dumps(p[k]) for k in ("path", "cookie", "body")) + "}" for p in posts
    )
    done_file = workdir / f"wrk-done-{connections}"
    done_file.unlink(missing_ok=True)  # left by an earlier run in the same folder
    script = workdir / f"answers-{connections}.lua"
    script.write_text(
        f"done_file = {json.dumps(str(done_file))}\nposts = {{\n{rows}\n}}\n{WRK_SCRIPT}"
    )
    wrk = subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{CEILING_S}s", f"--timeout={TIMEOUT_S}s",
         "-s", str(script), f"http://127.0.0.1:{port}/"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + CEILING_S
    while not done_file.exists() and wrk.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if wrk.poll() is None:
        wrk.send_signal(signal.SIGINT)
    out, err = wrk.communicate(timeout=30)
    line = next((line for line in out.splitlines() if line.startswith("wrk-result")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out}\n{err}")
    values = dict(pair.split("=") for pair in line.split()[1:])
    return int(values["requests"]), int(values["errors"]), int(values["duration_us"]) / 1e6


def python_client(port: int, posts: list[dict], connections: int):
    """Send ``posts`` from ``connections`` threads; returns (requests, errors, seconds)."""
    pending = iter(posts)
    lock = threading.Lock()

    def sender() -> tuple[int, int]:
        done = errors = 0
        while True:
            with lock:
                post = next(pending, None)
            if post is None:
                return done, errors
            done += 1
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
                conn.request(
                    "POST", post["path"], post["body"], HEADERS | {"Cookie": post["cookie"]}
                )
                reply = conn.getresponse()
                reply.read()
                conn.close()
                errors += not 200 <= reply.status < 400
            except (OSError, http.client.HTTPException):
                errors += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        results = [f.result() for f in [pool.submit(sender) for _ in range(connections)]]
    seconds = time.perf_counter() - started
    return sum(r[0] for r in results), sum(r[1] for r in results), seconds
