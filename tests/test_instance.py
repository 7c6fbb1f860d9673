"""One process per data dir on the embedded stores (drafter.instance): a second is refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from drafter.cli import main
from drafter.errors import ConfigError
from drafter.instance import InstanceLock
from drafter.settings import Settings, VectorStoreSettings


def test_a_second_holder_of_an_embedded_data_dir_is_refused(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    first = InstanceLock(settings).acquire()
    try:
        with pytest.raises(ConfigError, match="уже занят другим процессом drafter"):
            InstanceLock(settings).acquire()
    finally:
        first.release()
    InstanceLock(settings).acquire().release()  # free again once released


def test_the_cli_refuses_a_second_process_with_a_russian_message(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    holder = textwrap.dedent(
        f"""
        import sys, time
        from drafter.instance import InstanceLock
        from drafter.settings import Settings
        lock = InstanceLock(Settings(data_dir={str(data)!r})).acquire()
        print("held", flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        monkeypatch.setenv("DRAFTER_DATA_DIR", str(data))
        code = main(["documents", "list"])
        err = capsys.readouterr().err
        assert code == 2
        assert f"pid {proc.pid}" in err and "PostgreSQL" in err and "сервер Chroma" in err
    finally:
        proc.kill()
        proc.wait()
    # the kernel dropped the lock with the process (kill -9 included)
    InstanceLock(Settings(data_dir=data)).acquire().release()


def test_server_stores_take_no_lock(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url="postgresql+psycopg://postgres@127.0.0.1:5432/test",
        vector_store=VectorStoreSettings(backend="chroma_server"),
    )
    first = InstanceLock(settings).acquire()
    second = InstanceLock(settings).acquire()  # several API servers and workers may run
    first.release()
    second.release()
    assert not (tmp_path / "data" / "drafter.lock").exists()


def test_a_worker_without_threads_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DRAFTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DRAFTER_LLM__BACKEND", "fake")
    assert main(["worker", "--workers", "0"]) == 2
    assert "нужен хотя бы один поток" in capsys.readouterr().err
