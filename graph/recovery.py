"""Opening a LadybugDB file that a killed writer left behind.

LadybugDB commits by appending a transaction to its write-ahead log
(`graph.lbdb.wal`) and later checkpoints it into the data file, freezing the
log as `.wal.checkpoint` and staging pages in `.shadow` meanwhile. A writer
killed during either leaves files that the engine itself knows how to finish
(its WAL replayer, `storage/wal/wal_replayer.cpp`), but only when:

- the open is writable: a read-only open refuses while `.shadow` or
  `.wal.checkpoint` exist ("checkpoint is in progress"), even if their
  writer is dead; and
- the log ends cleanly: a writer killed while appending a transaction leaves
  a torn record, and the default open stops at it ("Checksum verification
  failed, the WAL file is corrupted"), so nothing opens at all.

`open_database` opens as asked and, on either refusal, recovers: a writable
open lets the engine replay the log and finish the checkpoint; a torn log is
first copied aside, then replayed with `throw_on_wal_replay_failure=False`,
which applies every committed transaction up to the last COMMIT record and
truncates the rest (the transaction being committed when the writer died,
which was never acknowledged). A writer that is alive holds the file lock:
then a reader waits for it a little instead of recovering anything.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import time
from datetime import datetime
from pathlib import Path

import ladybug

from graph.errors import StoreError

log = logging.getLogger(__name__)

_LOCKED = re.compile(r"Could not set lock on file")
# A log torn inside a record fails its checksum; one torn just after a record header
# makes the replayer read past the end of the file.
_TORN = re.compile(r"Checksum verification failed|WAL file is corrupted|corrupted WAL|WAL replay|"
                   r"Reading past the end of the file .*\.wal", re.I)
_CHECKPOINTING = re.compile(r"read-only mode while checkpoint", re.I)
FROZEN_SUFFIXES = (".wal", ".wal.checkpoint")
LOCK_SUFFIXES = (".checkpoint.intent.lock", ".checkpoint.apply.lock")
READER_PATIENCE = 10.0  # seconds a reader waits for a live writer to finish its commit or checkpoint
# Worker threads of the engine. Each read runs on one of them (`Connection.set_max_threads_for_exec(1)`),
# so that this many visitors' queries run at once instead of queueing behind the slowest.
THREADS = max(8, os.cpu_count() or 1)


class StoreBusy(StoreError):
    """Another process is writing the store right now."""


def open_database(path: Path, read_only: bool) -> ladybug.Database:
    """The database at `path`, recovered first if a killed writer left it unopenable."""
    deadline = time.monotonic() + READER_PATIENCE
    while True:
        try:
            return _open(path, read_only)
        except StoreBusy:
            if not read_only or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _open(path: Path, read_only: bool) -> ladybug.Database:
    try:
        db = ladybug.Database(str(path), read_only=read_only, max_num_threads=THREADS)
        # A writer killed after its checkpoint but before it dropped the checkpoint's lock
        # files leaves a store that opens: only the files are left to clear.
        _remove_stale_locks(path)
        return db
    except RuntimeError as e:
        if _LOCKED.search(str(e)):
            raise StoreBusy(f"{path.parent}: another govkg process is writing this store ({_first_line(e)})") from None
        if not (_TORN.search(str(e)) or _CHECKPOINTING.search(str(e))):
            raise StoreError(f"{path.parent}: cannot open LadybugDB ({_first_line(e)})") from None
    recover(path)
    try:
        return ladybug.Database(str(path), read_only=read_only, max_num_threads=THREADS)
    except RuntimeError as e:
        raise StoreError(f"{path.parent}: cannot open LadybugDB after recovery ({_first_line(e)})") from None


def recover(path: Path) -> None:
    """Finish or undo what a killed writer left at `path`, keeping everything it committed."""
    try:
        ladybug.Database(str(path)).close()
        log.warning("%s: recovered from an interrupted write (replayed its log, finished its checkpoint)", path.parent)
    except RuntimeError as e:
        if _LOCKED.search(str(e)):
            raise StoreBusy(f"{path.parent}: another govkg process is writing this store") from None
        if not _TORN.search(str(e)):
            raise StoreError(f"{path.parent}: cannot recover LadybugDB ({_first_line(e)})") from None
        kept = _set_aside(path)
        try:
            db = ladybug.Database(str(path), throw_on_wal_replay_failure=False)
        except RuntimeError as again:
            raise StoreError(f"{path.parent}: cannot recover LadybugDB ({_first_line(again)}); "
                             f"the write-ahead log is kept in {', '.join(kept)}") from None
        ladybug.Connection(db).execute("CHECKPOINT")
        db.close()
        log.warning("%s: a write was interrupted while it committed; kept every committed transaction and "
                    "dropped the unfinished one (the log as it was is kept in %s)", path.parent, ", ".join(kept))
    _remove_stale_locks(path)


def _set_aside(path: Path) -> list[str]:
    """Copies of the logs as the killed writer left them, for whoever wants to look."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    kept = []
    for suffix in FROZEN_SUFFIXES:
        log_file = Path(f"{path}{suffix}")
        if log_file.exists():
            copy = Path(f"{log_file}.corrupt-{stamp}")
            shutil.copy2(log_file, copy)
            kept.append(copy.name)
    return kept


def _remove_stale_locks(path: Path) -> None:
    """Checkpoint lock files that no process holds (the engine keeps them only during a checkpoint)."""
    if any(Path(f"{path}{suffix}").exists() for suffix in (".shadow", ".wal.checkpoint")):
        return
    for suffix in LOCK_SUFFIXES:
        lock = Path(f"{path}{suffix}")
        try:
            fd = os.open(lock, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            lock.unlink()
        except OSError:
            pass  # held: a checkpoint is running in another process
        finally:
            os.close(fd)


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
