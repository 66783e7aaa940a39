"""The script benchmark's peer: a raw requests.Session loop making a script's recorded calls.

`python bench/replay.py CALLS.json URL` sends each recorded request (method, URL, headers,
JSON body, query) in order over one keep-alive session, reads each answer as a client must
(the JSON decoded), and prints a JSON summary: requests sent, answers whose status differs
from the recording's, and the loop's own seconds.  It is what any client making the same calls
cannot avoid; it is timed as a whole process, as midoshell is.
"""

import json
import sys
import time

import requests

BASE = "{BASE}"
TIMEOUT = (10.0, 30.0)


def load(calls_file, url):
    """The recorded calls, pointed at the sandbox at `url`."""
    with open(calls_file) as stream:
        return [(method, path.replace(BASE, url), headers,
                 data.replace(BASE, url) if data else None, params, status)
                for method, path, headers, data, params, status in json.load(stream)]


def replay(calls, agent=None):
    """Send the calls in order over one session; the answers whose status differs."""
    http = requests.Session()
    if agent:
        http.headers["User-Agent"] = agent
    mismatches = []
    for method, target, headers, data, params, status in calls:
        response = http.request(method, target, headers=headers, data=data, params=params,
                                timeout=TIMEOUT)
        if response.content:
            response.json()
        if response.status_code != status:
            mismatches.append(f"{method} {target}: {response.status_code}, recorded {status}")
    return mismatches


def main(argv):
    calls = load(argv[1], argv[2])
    start = time.perf_counter()
    mismatches = replay(calls, argv[3] if len(argv) > 3 else None)
    seconds = time.perf_counter() - start
    print(json.dumps({"requests": len(calls), "mismatches": mismatches[:5],
                      "mismatched": len(mismatches), "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
