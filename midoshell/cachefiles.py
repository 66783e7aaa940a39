"""Small JSON files in $XDG_CACHE_HOME/midoshell: read only from a private directory, written
atomically.

Only data is kept there (JSON, never pickle): a file planted in a shared or misconfigured
cache directory can at worst be a wrong answer that the caller checks, never code that runs.
Even so, a directory that is not the user's own, or that others may write to, is not used at
all: nothing is read from it and nothing is written to it.
"""

import json
import os
import stat


def cache_dir(environ=None):
    """$XDG_CACHE_HOME/midoshell (made 0700 when missing), or None when it cannot be had
    or cannot be trusted (not owned by this user, or writable by group or others)."""
    from midoshell.config import xdg_home

    folder = xdg_home("CACHE", environ)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    return folder if _private(info) and stat.S_ISDIR(info.st_mode) else None


def _private(info):
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_json(folder, name):
    """The JSON value in folder/name, or None when missing, unreadable, not the user's own,
    writable by others, or not JSON."""
    if folder is None:
        return None
    try:
        fd = os.open(os.path.join(folder, name), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not (_private(info) and stat.S_ISREG(info.st_mode)):
            return None
        with os.fdopen(fd, "rb") as stream:
            fd = None
            return json.loads(stream.read())
    except (OSError, ValueError):
        return None
    finally:
        if fd is not None:
            os.close(fd)


def write_json(folder, name, value):
    """Write value as JSON to folder/name atomically (a private temporary file renamed over
    it), so a reader never sees half a file.  Failing to write only costs time: False."""
    if folder is None:
        return False
    import tempfile  # only when writing, which is rare: one-liners should not pay for it

    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(value, stream, separators=(",", ":"))
        os.replace(temporary, os.path.join(folder, name))
        return True
    except (OSError, TypeError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
