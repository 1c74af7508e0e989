"""One way to write a file whole: the feed cache, the exports, the remembered state and
`import-766` all go through `write_atomic`, so a reader never sees half a file and a crash
or power cut leaves either the old file or the new one."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

TMP_SUFFIX = ".tmp"  # `.<name>.<random>.tmp` beside the target: what a killed write leaves
_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask without changing it for other threads when the system says it
    (Linux: /proc/self/status); else the set-and-restore dance, under a lock."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        old = os.umask(0o077)
        os.umask(old)
    return old


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write `data` through a temporary file in the same folder, flushed to the disk
    (fsync), then renamed over `path`, and the folder synced so the rename itself lasts.

    `private`: the file is readable by its owner only (0600: a cache of what a source
    sent). Otherwise it gets the permissions any new file of the user gets (0666 less the
    umask), as a file a person exports for others to read should."""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            if not private:  # mkstemp makes 0600 whatever the umask
                os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a system that cannot open a folder (Windows) has no need either
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
