"""Real server processes for tests: start one on loopback, wait until it answers, stop it."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(
    cmd: Sequence[str],
    ready_url: str,
    log: Path,
    *,
    timeout_s: float = 60,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    name: str = "server",
) -> Iterator[subprocess.Popen]:
    """``cmd`` running, once ``ready_url`` answers below 500; its output goes to ``log``."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            list(cmd), stdout=out, stderr=subprocess.STDOUT, env=env and dict(env), cwd=cwd
        )
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{name} exited with {proc.returncode}:\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(ready_url, timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"{name} did not start in {timeout_s:.0f} s:\n{log.read_text()[-2000:]}"
                )
            time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
