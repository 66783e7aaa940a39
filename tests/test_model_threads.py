"""Object types are loaded lazily; the interactive shell looks them up from two threads at once
(completion in a worker, the line being run in the main thread)."""

import threading

from midoshell.model.catalog import _MODULE_OF, _Types


def test_types_looked_up_from_many_threads_while_loading_are_always_found():
    keys = sorted(_MODULE_OF)
    for _ in range(30):
        types = _Types()
        failures = []
        start = threading.Barrier(9)

        def look(offset):
            start.wait()
            for key in keys[offset::4] + keys:
                try:
                    assert types[key].key == key
                except (KeyError, AssertionError) as error:
                    failures.append(repr(error))

        def load_everything():
            start.wait()
            types.load_all()

        threads = [threading.Thread(target=look, args=(i % 4,)) for i in range(8)]
        threads.append(threading.Thread(target=load_everything))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert len(types) == sum(1 for _ in types) and set(keys) <= set(types)
