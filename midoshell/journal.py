"""`--atomic` and `--rollback`: a client that journals the undo of each write before sending it.

JournalingClient has Client's interface.  Before each write it captures what the write would
destroy and appends the undo step to a journal file, flushed and fsynced, so that a run killed
at any point can be undone later:

    create  -> delete what it made (the id is chosen here, so it is known before the POST)
    delete  -> create the captured document again, with its id (a rule at its position)
    update  -> PUT the captured document back
    link    -> unlink; unlink -> link to the captured peer again

Rolling back walks the steps in reverse, marks each one done in the journal, and goes on past
a step that cannot be done (reported).  A missing object counts as already undone, so a
rollback repeated after an interruption is harmless.
"""

import copy
import json
import os
import time
import uuid

from midoshell import config
from midoshell.dryrun import location_of, type_of
from midoshell.errors import ApiError, MidoError, UsageError

PORT_LINK = "application/vnd.org.midonet.PortLink-v1+json"


def journal_dir(environ=None):
    return config.xdg_dir("STATE", environ) / "journal"


class Journal:
    """An append-only JSON-lines file: a header, undo steps, completions, done marks."""

    def __init__(self, path):
        self.path = path

    @classmethod
    def start(cls, api_url):
        directory = journal_dir()
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        journal = cls(directory / name)
        journal.append({"journal": 1, "api": api_url, "started": time.time()})
        return journal

    def append(self, record):
        with open(self.path, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(record, sort_keys=True) + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def records(self):
        """The records written; a last line cut short by a kill is ignored."""
        found = []
        with open(self.path, encoding="utf-8") as stream:
            for line in stream:
                try:
                    found.append(json.loads(line))
                except ValueError:
                    break
        return found

    def remove(self):
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


def latest_journal():
    """The newest unfinished journal, or None."""
    directory = journal_dir()
    if not directory.is_dir():
        return None
    files = sorted(directory.glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    return Journal(files[-1]) if files else None


class JournalingClient:
    """Client's interface; every write is preceded by its journaled undo step."""

    def __init__(self, client, journal=None):
        self.client = client
        self._journal = journal  # made at the first write: a run that writes nothing has none
        self.steps = 0

    @property
    def journal(self):
        if self._journal is None:
            self._journal = Journal.start(self.client.url)
        return self._journal

    @property
    def started(self):
        return self._journal is not None

    def deadline(self, seconds=None):
        """The client's deadline for a whole command (see Session): the same here."""
        return self.client.deadline(seconds)

    def __getattr__(self, name):
        return getattr(self.client, name)

    def get(self, uri, media, params=None):
        return self.client.get(uri, media, params)

    def _step(self, undo):
        self.steps += 1
        self.journal.append({"step": self.steps, "undo": undo})
        return self.steps

    def create(self, uri, media, body):
        if uri.endswith("/link"):
            self._step({"method": "DELETE", "uri": uri})
            return self.client.create(uri, media, body)
        kind = type_of(media)
        if kind is not None and kind.has_id and not body.get("id"):
            body = dict(body, id=str(uuid.uuid4()))  # the undo must know it before the POST
        predicted = location_of(self.client, media, uri, body["id"]) if body.get("id") else None
        step = self._step({"method": "DELETE", "uri": predicted})
        location = self.client.create(uri, media, body)
        if location and location != predicted:
            self.journal.append({"step": step, "uri": location})
        return location

    def update(self, uri, media, body):
        before = self.client.get(uri, media)
        self._step({"method": "PUT", "uri": uri, "media": media, "body": before})
        self.client.update(uri, media, body)

    def delete(self, uri):
        if uri.endswith("/link"):
            port = self.client.get(uri[:-len("/link")], None)
            peer = port.get("peerId") if isinstance(port, dict) else None
            self._step({"method": "POST", "uri": uri, "media": PORT_LINK,
                        "body": {"peerId": peer}})
            return self.client.delete(uri)
        media = self._media_of(uri)
        response = self.client.request("GET", uri, accept=media, raw=True)
        media = media or (response.headers.get("Content-Type") or "").split(";")[0]
        doc = response.json()
        self._refuse_cascade(doc)
        self._step({"method": "POST", "uri": self._collection_of(uri, doc, media),
                    "media": media, "body": _creatable(doc, media)})
        return self.client.delete(uri)

    def _media_of(self, uri):
        """The media type of the object at `uri`, from the root template that addresses it."""
        from midoshell import model

        for key, template in self.client.root().items():
            if not key.endswith("Template") or not isinstance(template, str):
                continue
            head = template.split("{id}")[0]
            if uri.startswith(head) and "/" not in uri[len(head):].strip("/"):
                for kind in model.TYPES.values():
                    if kind.template_key == key:
                        return kind.media
                for root in model.ROOTS:
                    if root.template_key == key:
                        return model.object_type(root.type).media
        return None

    def _refuse_cascade(self, doc):
        """The server deletes what is under an object with it; that cannot be made again."""
        base = self.client.url
        for key, value in doc.items():
            if key == "uri" or not isinstance(value, str) or not value.startswith(base) \
                    or value.endswith("/link"):
                continue
            try:
                under = self.client.get(value, None)
            except ApiError:
                continue
            if isinstance(under, list) and under:
                raise UsageError(f"--atomic cannot undo this delete: the server would delete "
                                 f"the {key} under it too (delete those first)")

    def _collection_of(self, uri, doc, media):
        """Where the captured object is created again: its parent's collection, which holds
        the link to it."""
        from midoshell import model
        from midoshell.dryrun import _segment

        kind = type_of(media)
        for parent_type in model.TYPES.values():
            for child in parent_type.children:
                if model.object_type(child.type).media == media and not child.embedded \
                        and child.parent_key and doc.get(child.parent_key):
                    template = parent_type.template_key or next(
                        (r.template_key for r in model.ROOTS if r.type == parent_type.key), "")
                    if template:
                        parent = self.client.template_uri(template, doc[child.parent_key])
                        return f"{parent}/{_segment(child.uri_key)}"
        for root in model.ROOTS:
            if kind is not None and model.object_type(root.type).media == media:
                return self.client.root_link(root.collection_key)
        return uri.rstrip("/").rsplit("/", 1)[0]


def _creatable(doc, media):
    """A fetched document as a body that makes it again: without the server's links, the
    fields it fills itself (read-only in the model) and empty values (a create may not name
    some lists, even empty: a bridge's VXLAN ports), with its id."""
    from midoshell import model

    kind = type_of(media)
    read_only = {a.json for t in (model.element_types(kind.key) if kind else ())
                 for a in t.attrs if a.read_only and a.name != "id"}
    return {key: copy.deepcopy(value) for key, value in doc.items()
            if value is not None and value != [] and key not in read_only
            and not (isinstance(value, str) and value.startswith("http"))}


def pending_steps(journal):
    """Undo steps not yet done, newest first, with the Location the server gave each create."""
    steps, done = {}, set()
    for record in journal.records():
        if "undo" in record:
            steps[record["step"]] = dict(record["undo"])
        elif "done" in record:
            done.add(record["done"])
        elif "uri" in record and record.get("step") in steps:
            steps[record["step"]]["uri"] = record["uri"]
    return [(n, steps[n]) for n in sorted(steps, reverse=True) if n not in done]


def rollback(client, journal, report):
    """Undo the journal's pending steps; returns (steps undone, steps that failed)."""
    undone, failed = 0, 0
    steps = pending_steps(journal)
    made = {step.get("uri") for _, step in steps if step["method"] == "DELETE"}
    for number, step in steps:
        try:
            _undo(client, step, made)
            undone += 1
        except MidoError as error:
            failed += 1
            report(f"rollback: cannot undo change {number} ({step['method']} "
                   f"{step.get('uri')}): {error.message}")
        journal.append({"done": number})
    return undone, failed


def _undo(client, step, made=()):
    method, uri = step["method"], step.get("uri")
    if uri is None:
        raise MidoError("the server never said where the object was made")
    try:
        if method == "DELETE":
            client.delete(uri)
        elif method == "PUT":
            client.update(uri, step["media"], step["body"])
        elif method == "POST":
            if step["media"] == PORT_LINK and not step["body"].get("peerId"):
                return
            client.create(uri, step["media"], step["body"])
    except ApiError as error:
        if method == "DELETE" and error.status == 404:
            return  # already gone: undone before, or never made
        if error.status == 404 and _touches_made(step, made):
            return  # the run made it, and an earlier rollback deleted it already
        if method == "POST" and error.status == 409 and _exists(client, step):
            return  # already made again by an earlier rollback
        raise


def _touches_made(step, made):
    """Whether a step changes or links to an object the run itself made."""
    peer = (step.get("body") or {}).get("peerId")
    target = step["uri"][:-len("/link")] if step["uri"].endswith("/link") else step["uri"]
    return target in made or bool(peer) and any(m and m.endswith("/" + peer) for m in made)


def _exists(client, step):
    body_id = step["body"].get("id")
    if not body_id:
        return step["media"] == PORT_LINK
    try:
        client.get(location_of(client, step["media"], step["uri"], body_id), None)
        return True
    except ApiError:
        return False


def refuse_undoable(lines, name):
    """Lines whose undo the v5 API does not allow: (where, reason) of the first, or None."""
    from midoshell import commands as c
    from midoshell.parsing import parse

    for number, line in enumerate(lines, 1):
        try:
            command = parse(line) if isinstance(line, str) else None
        except MidoError:
            continue  # reported when the line runs
        if isinstance(command, c.DeleteCommand) and command.path \
                and not getattr(command.path[-1].link, "can_create", True):
            kind = command.path[-1].collection.text
            return f"{name}:{number}", (f"--atomic cannot undo deleting a {kind}: the MidoNet "
                                        f"API does not let clients create {kind} objects")
        if isinstance(command, c.DeleteCommand) and command.path \
                and _is_port(command.path[-1].link.type):
            return f"{name}:{number}", ("--atomic cannot undo deleting a port: made again it "
                                        "would get a new tunnel key and new Local routes")
    return None


def _is_port(type_key):
    from midoshell import model

    return model.object_type(type_key).media == model.object_type("port").media
