"""Giving memory back to the system after a large listing.

A listing decodes every object of its answer; what the session keeps of them is packed small
(objects.py), and the decoded documents are freed.  The C library keeps freed pages for
later, though, so a shell that listed 10,000 bridges stayed about 8 MB larger than what it
holds (62 MB resident where 54 MB is needed).  glibc's malloc_trim returns them.
"""

LARGE = 2000  # objects decoded by one command before it is worth asking


def give_back():
    """Ask the C library to return its free pages; nothing where it cannot (not glibc)."""
    import ctypes  # only after a large listing: its import costs a few milliseconds

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # musl, macOS: no malloc_trim, nothing kept this way
        return
    trim(0)
