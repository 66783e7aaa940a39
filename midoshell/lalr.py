"""A small LALR(1) parser and contextual lexer on `re`, driven by tables lark generated.

It gives what lark's LALR parser with the contextual lexer gives for the same grammar (see
midoshell.lalr_tables): the same tree, and on bad input an error of the same kind at the same
place with the same expected terminals.  It exists so that one-liners and scripts need not
import lark (about a fifth of a one-liner's start-up); tests/test_lalr_driver.py checks the
two against each other on generated input.
"""

import re


class Token:
    """A terminal as read from the line: its type, text and where it starts (1-based column)."""

    __slots__ = ("type", "value", "start_pos", "line", "column")

    def __init__(self, type_, value, start_pos, line, column):
        self.type, self.value = type_, value
        self.start_pos, self.line, self.column = start_pos, line, column

    def __repr__(self):
        return f"Token({self.type!r}, {self.value!r})"


class Tree:
    __slots__ = ("data", "children")

    def __init__(self, data, children):
        self.data, self.children = data, children

    def __repr__(self):
        return f"Tree({self.data!r}, {self.children!r})"


class UnexpectedInput(Exception):
    """Where the line stops making sense: pos_in_stream (0-based), line and column (1-based)."""

    pos_in_stream = line = column = None


class UnexpectedCharacters(UnexpectedInput):
    """No terminal the parser could take next matches here; `allowed` are the ones it could."""

    def __init__(self, text, pos, line, column, allowed):
        super().__init__(f"no terminal matches {text[pos]!r} at line {line} column {column}")
        self.char = text[pos]
        self.pos_in_stream, self.line, self.column = pos, line, column
        self.allowed = set(allowed)


class UnexpectedToken(UnexpectedInput):
    """A terminal (`$END` at the end of the line) where the grammar wants one of `expected`."""

    def __init__(self, token, expected):
        super().__init__(f"unexpected {token.type} {token.value!r}, expected one of "
                         f"{sorted(expected)}")
        self.token = token
        self.expected = set(expected)
        self.pos_in_stream, self.line, self.column = token.start_pos, token.line, token.column


class Terminal:
    """A terminal's pattern as the error messages need it: a literal keyword or a regex."""

    __slots__ = ("name", "is_literal", "value")

    def __init__(self, name, kind, value):
        self.name, self.is_literal, self.value = name, kind == "str", value


class _Lexer:
    """One parser state's lexer: an alternation of its terminals, first match wins."""

    def __init__(self, spec):
        self.match = re.compile("|".join(f"(?P<{name}>{regexp})"
                                         for name, regexp in spec["terminals"])).match
        self.allowed = spec["allowed"]
        self.ignore = frozenset(spec["ignore"])
        self.newline = frozenset(spec["newline"])
        self.keywords = {name: re.compile("|".join(f"(?P<{n}>{r})" for n, r in pairs)).fullmatch
                         for name, pairs in spec["unless"].items()}


class Parser:
    """parse(text) -> Tree, or raises UnexpectedCharacters / UnexpectedToken."""

    def __init__(self, tables):
        self.states = tables["states"]
        self.rules = [(r["data"], r["origin"], r["size"], r["expand1"],
                       tuple(map(tuple, r["include"])) if r["include"] is not None else None)
                      for r in tables["rules"]]
        self.start, self.end = tables["start"], tables["end"]
        self._lexer_specs = tables["lexers"]
        self._lexers = [None] * len(self._lexer_specs)
        self._lexer_of_state = tables["lexer_of_state"]
        self._root_spec, self._root = tables["root_lexer"], None
        self.terminals = [Terminal(*t) for t in tables["terminals"]]
        self._terminals = {t.name: t for t in self.terminals}

    def get_terminal(self, name):
        return self._terminals[name]

    def _lexer(self, state):
        index = self._lexer_of_state[state]
        lexer = self._lexers[index]
        if lexer is None:  # compiled on first use: a one-liner visits a handful of states
            lexer = self._lexers[index] = _Lexer(self._lexer_specs[index])
        return lexer

    def _root_lexer(self):
        if self._root is None:
            self._root = _Lexer(self._root_spec)
        return self._root

    def parse(self, text):
        states, rules = self.states, self.rules
        stack, values = [self.start], []
        where = [0, 1, 0]  # position, line, where the line starts
        last = None
        while True:
            token = self._next_token(text, where, stack[-1])
            if token is None:
                break
            last = token
            self._feed(token, stack, values, states, rules)
        end = Token("$END", "", last.start_pos, last.line, last.column) if last else \
            Token("$END", "", 0, 1, 1)
        return self._feed(end, stack, values, states, rules)

    def _feed(self, token, stack, values, states, rules):
        """Shift the token, after the reductions it calls for; at $END, the finished tree."""
        while True:
            actions = states[stack[-1]]
            action = actions.get(token.type)
            if action is None:
                raise UnexpectedToken(token, [s for s in actions if s.isupper()])
            if action >= 0:
                stack.append(action)
                values.append(token)
                return None
            data, origin, size, expand1, include = rules[-1 - action]
            if size:
                children = values[-size:]
                del stack[-size:]
                del values[-size:]
            else:
                children = []
            if include is not None:
                kept = []
                for index, inline in include:
                    if inline:
                        kept.extend(children[index].children)
                    else:
                        kept.append(children[index])
                children = kept
            value = children[0] if expand1 and len(children) == 1 else Tree(data, children)
            stack.append(states[stack[-1]][origin])
            values.append(value)
            if token.type == "$END" and stack[-1] == self.end:
                return values[-1]

    def _next_token(self, text, where, state):
        """The next token the state's lexer reads (None at the end of the text).  Where the
        state's lexer finds nothing, the error is lark's: an unexpected token if some terminal
        of the whole grammar matches there, else unexpected characters."""
        lexer = self._lexer(state)
        try:
            return _scan(lexer, text, where)
        except UnexpectedCharacters as problem:
            try:
                token = _scan(self._root_lexer(), text, where)
            except UnexpectedCharacters:
                raise problem from None
            raise UnexpectedToken(token, problem.allowed) from None


def _scan(lexer, text, where):
    """One token from `where` on (skipping ignored ones), advancing `where`; None at the end."""
    pos, line, line_start = where
    while pos < len(text):
        found = lexer.match(text, pos)
        if found is None:
            raise UnexpectedCharacters(text, pos, line, pos - line_start + 1, lexer.allowed)
        value, type_ = found.group(), found.lastgroup
        token = Token(type_, value, pos, line, pos - line_start + 1)
        if type_ in lexer.newline:
            newlines = value.count("\n")
            if newlines:
                line += newlines
                line_start = pos + value.rindex("\n") + 1
        pos += len(value)
        where[:] = pos, line, line_start
        if type_ in lexer.keywords:
            keyword = lexer.keywords[type_](value)
            if keyword is not None:
                token.type = keyword.lastgroup
        if type_ not in lexer.ignore:
            return token
    return None


def transform(tree, shaper):
    """Bottom-up, as lark's Transformer with inline arguments: each subtree becomes
    `shaper.<its rule>(*its transformed children)`, or stays a Tree when the shaper has no
    such method; tokens are passed as they are.  Iterative, so a line of thousands of words
    (a left-recursive run, as deep as it is long) needs no deep recursion."""
    done = []  # transformed values, in post-order
    pending = [(tree, False)]
    while pending:
        node, expanded = pending.pop()
        if not isinstance(node, Tree):
            done.append(node)
        elif not expanded:
            pending.append((node, True))
            pending.extend((child, False) for child in reversed(node.children))
        else:
            count = len(node.children)
            children = done[len(done) - count:] if count else []
            del done[len(done) - count:]
            method = getattr(shaper, node.data, None)
            done.append(method(*children) if method is not None else Tree(node.data, children))
    return done[0]
