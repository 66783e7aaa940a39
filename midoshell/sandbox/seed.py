"""Seeded hosts with deterministic ids, so a restart on the same state file adds nothing twice."""

import ipaddress
import uuid

from .resources.hosts import new_host, new_interface


MAX_HOSTS = 10_000  # far more than any test or demo needs; every one is kept in the file
_FIRST_ADDRESSES = 240  # 192.168.100.10 - .249, then 10.100.x.y


def host_id(index):
    """The id of seeded host `index` (0-based): stable across runs and machines."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"midoshell-sandbox/host/{index}"))


def seeded_host(index):
    interfaces = [
        new_interface("lo", "00:00:00:00:00:00", 65536, "Virtual", "LOCALHOST", ["127.0.0.1"]),
        new_interface("eth0", f"52:54:00:00:{index // 256:02x}:{index % 256:02x}", 1500,
                      "Physical", "PHYSICAL", [_address(index)]),
    ]
    return new_host(host_id(index), f"compute-{index + 1}", True, interfaces)


def _address(index):
    if index < _FIRST_ADDRESSES:
        return f"192.168.100.{10 + index}"
    return str(ipaddress.IPv4Address("10.100.0.0") + index)


def seed_hosts(store, count):
    """Insert hosts 0..count-1 unless present; existing ones keep any changes made to them.

    All in one transaction: an interrupted seeding (SIGTERM) leaves the file as it was.
    """
    if not 0 <= count <= MAX_HOSTS:
        raise ValueError(f"the number of hosts must be between 0 and {MAX_HOSTS}")
    with store.transaction():
        for index in range(count):
            doc = seeded_host(index)
            store.insert("host", doc["id"], doc)  # a no-op when the id is already stored
