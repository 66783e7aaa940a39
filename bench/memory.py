"""Memory of a midoshell process holding a session with every bridge of a sandbox cached.

`python bench/memory.py URL` imports what `midoshell -c` imports, opens a session as the
interactive shell does (aliases shown), runs `list bridge` (its output rendered and thrown
away), and prints a JSON summary: resident memory (VmRSS) after the imports and with the
cache held, the peak (VmHWM), and how many objects the cache holds.
"""

import gc
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def status_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main(argv):
    url = argv[1]
    from midoshell.client import Client
    from midoshell.runner import Runner
    from midoshell.session import Session

    gc.collect()
    before = status_kib("VmRSS")
    session = Session(Client(url), show_aliases=True)
    with open(os.devnull, "w") as sink:
        status, _ = Runner(session, stdout=sink, stderr=sys.stderr).run_one("list bridge")
    gc.collect()
    print(json.dumps({"status": status, "cached": len(session.cache),
                      "rss_imports_kib": before, "rss_kib": status_kib("VmRSS"),
                      "peak_kib": status_kib("VmHWM")}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
