"""Files only the user may read or change: history, the sandbox's state, their directories.

A directory others can write lets them swap what we read or write; a symbolic link where
we create a file sends our writes (and a chmod) wherever its maker chose.
"""

import os
import stat

from midoshell.errors import MidoError


class UnsafePathError(MidoError):
    """A file or directory that is not private to the user, and cannot be made so."""


def private_dir(path):
    """Create `path` (0700), or make an existing one of ours 0700; refuse another user's.

    Its parent must not let others rename it away either: one of ours loses group and
    other write; another user's that others may write without the sticky bit is refused.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    _guard_parent(path.parent)
    info = os.stat(path)
    if info.st_uid != os.getuid():
        raise UnsafePathError(f"{path} belongs to another user (uid {info.st_uid}); "
                              f"midoshell keeps its files only in a directory of yours")
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, 0o700)  # others could replace or read what midoshell keeps there
    return path


def _guard_parent(parent):
    info = os.stat(parent)
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o022 or mode & stat.S_ISVTX:
        return
    if info.st_uid == os.getuid():
        os.chmod(parent, mode & ~0o022)
        return
    raise UnsafePathError(f"{parent} can be written by other users; midoshell keeps no files "
                          f"under it (set XDG_STATE_HOME and XDG_DATA_HOME to directories of "
                          f"yours)")


def open_private(path, flags=os.O_WRONLY | os.O_APPEND):
    """A file descriptor on `path` (created 0600 if missing), never through a symbolic link,
    and only on a regular file of the user's, which is made 0600."""
    try:
        fd = os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        if os.path.islink(path):
            raise UnsafePathError(f"{path} is a symbolic link; midoshell does not write "
                                  f"through one (remove it, or point at the real file)") from None
        raise UnsafePathError(f"cannot open {path}: {error.strerror}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        os.close(fd)
        raise UnsafePathError(f"{path} is not a regular file of yours; midoshell will not "
                              f"write to it")
    if stat.S_IMODE(info.st_mode) != 0o600:
        os.fchmod(fd, 0o600)
    return fd
