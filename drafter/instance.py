"""One process per data dir on the embedded stores.

The default stores live in the data dir and serve one process: embedded Chroma keeps its
index in the memory of the process that opened it (a second process reads and writes a stale
copy — the «Error finding id» of issue 13), and the SQLite job table is one file. So every
command that drafts, serves or changes the index takes an exclusive lock on
``<data dir>/drafter.lock`` first; a second one is refused with a message that says why and
what to do. The kernel drops the lock when the process dies, even by ``kill -9``.

Several processes (API servers, ``drafter worker``) need the server stores: PostgreSQL
(``DRAFTER_DATABASE_URL``) and a Chroma server (``DRAFTER_VECTOR_STORE__BACKEND=chroma_server``);
then no lock is taken.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from drafter.errors import ConfigError
from drafter.settings import Settings

LOCK_FILE = "drafter.lock"


def embedded_stores(settings: Settings) -> list[str]:
    """The stores of these settings that live inside one process."""
    found = []
    if settings.db_url.startswith("sqlite"):
        found.append("SQLite")
    if settings.vector_store.backend == "chroma":
        found.append("встроенная Chroma")
    return found


class InstanceLock:
    """Held for the life of the process (or until ``release``) when a store is embedded."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._file: IO[str] | None = None

    def acquire(self) -> InstanceLock:
        stores = embedded_stores(self.settings)
        if not stores:
            return self
        path = Path(self.settings.data_dir) / LOCK_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        file = os.fdopen(fd, "r+", encoding="utf-8")
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = file.read().strip() or "?"
            file.close()
            raise ConfigError(
                f"каталог данных {self.settings.data_dir} уже занят другим процессом drafter "
                f"(pid {holder}): {' и '.join(stores)} обслуживают только один процесс. "
                "Остановите тот процесс или, чтобы запускать несколько, используйте PostgreSQL "
                "(DRAFTER_DATABASE_URL) и сервер Chroma (DRAFTER_VECTOR_STORE__BACKEND="
                "chroma_server); см. README, «Несколько процессов»."
            ) from None
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        self._file = file
        return self

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the descriptor drops the flock
            self._file = None
