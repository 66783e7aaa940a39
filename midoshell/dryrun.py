"""`--dry-run`: a client that reads the live API and records writes instead of sending them.

PlanningClient has Client's interface, so the executor runs every line exactly as it would
for real: GETs go to the server (each URI once), writes are recorded, and a create is answered
with a placeholder document (a counter's id, a Location built as the server would build it)
that later lines find, list, change and delete.  The plan is the recorded writes, line by line.
"""

import copy
import json
import re

from midoshell import model
from midoshell.errors import ApiError
from midoshell.posted import links
from midoshell.posted import segment as _segment
from midoshell.runner import Runner
from midoshell.masking import mask_json

# Placeholder ids are UUIDs (the resolver checks that) that say where they come from.
PLACEHOLDER = "00000000-d7a0-4000-8000-{:012x}"
_PLACEHOLDER_RE = re.compile(r"00000000-d7a0-4000-8000-[0-9a-f]{12}")


def is_placeholder(text):
    return bool(_PLACEHOLDER_RE.search(text or ""))


class PlanningClient:
    """Client's interface: reads forwarded (and cached), writes recorded as (method, uri,
    body), their effects kept in an overlay so that later reads see them."""

    def __init__(self, client):
        self.client = client
        self.writes = []  # (method, uri, body) in the order the run would send them
        self.counter = 0
        self._reads = {}  # (uri, media, params) -> answer from the server
        self._docs = {}  # uri -> document as the plan leaves it (created or updated)
        self._made_in = {}  # collection uri -> [uri of objects the plan created there]
        self._gone = set()  # uris the plan deleted
        self._by_id = {}  # placeholder id -> uri of its document

    def deadline(self, seconds=None):
        """The client's deadline for a whole command (see Session): the same here."""
        return self.client.deadline(seconds)

    def __getattr__(self, name):  # root(), root_link(), template_uri(), url, rebase()…
        return getattr(self.client, name)

    # -- reads ------------------------------------------------------------------------------
    def get(self, uri, media, params=None):
        if uri in self._gone:
            raise ApiError(404, "the plan deletes this object", (), "GET", uri)
        if uri in self._docs:
            return copy.deepcopy(self._docs[uri])
        if is_placeholder(uri):  # under an object the plan makes: nothing there yet
            last = uri.rstrip("/").rsplit("/", 1)[-1]
            if last in self._by_id and self._by_id[last] in self._docs:
                return copy.deepcopy(self._docs[self._by_id[last]])  # by another template
            if _PLACEHOLDER_RE.fullmatch(last):
                raise ApiError(404, "no such object in the plan", (), "GET", uri)
            answer = []
        else:
            answer = self._read(uri, media, params)
        if isinstance(answer, list):
            answer = [self._docs.get(d.get("uri"), d) for d in answer
                      if not (isinstance(d, dict) and d.get("uri") in self._gone)]
            answer += [copy.deepcopy(self._docs[u]) for u in self._made_in.get(uri, [])
                       if u not in self._gone]
        return copy.deepcopy(answer)

    def _read(self, uri, media, params):
        key = (uri, media, json.dumps(params, sort_keys=True))
        if key not in self._reads:
            self._reads[key] = self.client.get(uri, media, params)
        return self._reads[key]

    # -- writes -----------------------------------------------------------------------------
    def create(self, uri, media, body):
        self.writes.append(("POST", uri, copy.deepcopy(body)))
        if uri.endswith("/link"):  # a port link is no object of its own
            return uri
        kind = type_of(media)
        self.counter += 1
        obj_id = body.get("id") or PLACEHOLDER.format(self.counter)
        location = location_of(self.client, media, uri, obj_id)
        self._docs[location] = _placeholder(kind, body, obj_id, location)
        parent_key = _parent_key(uri, media)
        if parent_key:  # the server names the parent in the new object
            self._docs[location].setdefault(parent_key, _last(uri.rsplit("/", 1)[0]))
        self._made_in.setdefault(uri, []).append(location)
        self._by_id[obj_id] = location
        self._gone.discard(location)
        return location

    def update(self, uri, media, body):
        self.writes.append(("PUT", uri, copy.deepcopy(body)))
        doc = copy.deepcopy(body)
        doc.setdefault("uri", uri)
        self._docs[uri] = {**self._docs.get(uri, {}), **doc}

    def delete(self, uri):
        self.writes.append(("DELETE", uri, None))
        if not uri.endswith("/link"):
            self._gone.add(uri)
            self._docs.pop(uri, None)

    def take(self):
        """The writes recorded since the last call."""
        writes, self.writes = self.writes, []
        return writes


def location_of(client, media, uri, obj_id):
    """Where the server puts a new object posted to `uri`: its type's template, else under
    the collection it was posted to."""
    kind = type_of(media)
    templates = [kind.template_key] if kind and kind.template_key else []
    templates += [link.template_key for link in model.ROOTS if kind and link.template_key
                  and model.object_type(link.type).media == kind.media]
    for key in templates:
        try:
            return client.template_uri(key, obj_id)
        except ApiError:
            continue
    return f"{uri}/{obj_id}"


def type_of(media):
    for kind in model.TYPES.values():
        if kind.media == media:
            return kind
    return None


def _placeholder(kind, body, obj_id, location):
    """What the server would answer to a GET of the new object: the body, its id and links."""
    doc = copy.deepcopy(body)
    doc.update(links(kind, location), id=obj_id)
    for child in kind.children if kind else ():  # what a real create leaves to the server
        if child.embedded:
            doc.setdefault(child.uri_key, [])
        else:
            doc.setdefault(child.uri_key, f"{location}/{_segment(child.uri_key)}")
    return doc


def _parent_key(uri, media):
    """The field naming the parent in an object posted to `uri` (one candidate only)."""
    segment = _last(uri)
    children = [child for kind in model.TYPES.values() for child in kind.children
                if child.parent_key and not child.embedded and _segment(child.uri_key) == segment]
    if len({child.parent_key for child in children}) > 1:
        children = [c for c in children if model.object_type(c.type).media == media]
    keys = {child.parent_key for child in children}
    return keys.pop() if len(keys) == 1 else None


def _last(uri):
    return uri.rstrip("/").rsplit("/", 1)[-1]


class PlanRunner(Runner):
    """Runs a script against a PlanningClient and prints, per line, the writes it would make
    (results of the lines are not printed: they would show placeholders)."""

    def __init__(self, session, planner, as_json=False, **kwargs):
        super().__init__(session, **kwargs)
        self.planner = planner
        self.as_json = as_json
        self.plan = []

    def run_one(self, line, where=None):
        where = where or "-e"
        status, leave = self._quietly(line, where)
        writes = self.planner.take()
        entry = {"where": where, "line": line, "requests": [
            {"method": m, "path": self._path(uri), "body": _masked(body)}
            for m, uri, body in writes]}
        if writes:
            self.plan.append(entry)
            if not self.as_json:
                for request in entry["requests"]:
                    self.stdout.write(_text(where, request) + "\n")
                self.stdout.flush()
        return status, leave

    def _quietly(self, line, where):
        stdout, self.stdout = self.stdout, _Discard()
        try:
            return super().run_one(line, where)
        finally:
            self.stdout = stdout

    def run_lines(self, lines, name):
        status = super().run_lines(lines, name)
        if self.as_json:
            self.stdout.write(json.dumps(self.plan, indent=2) + "\n")
        return status

    def _path(self, uri):
        base = self.planner.client.url
        return uri[len(base):] if uri.startswith(base) else uri


def _masked(body):
    return None if body is None else json.loads(mask_json(json.dumps(body)))


def _text(where, request):
    body = "" if request["body"] is None else " " + json.dumps(request["body"], sort_keys=True)
    return f"{where}: {request['method']} {request['path']}{body}"


class _Discard:
    def write(self, text):
        return len(text)

    def flush(self):
        pass
