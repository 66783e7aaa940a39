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
        # a regex terminal's matches that are keywords: name -> (text -> keyword's name)
        self.keywords = {name: _keyword_finder(how) for name, how in spec["unless"].items()}


def _keyword_finder(how):
    """text -> the keyword terminal it fully matches, or None."""
    if "literals" in how:
        return how["literals"].get
    fullmatch = re.compile("|".join(f"(?P<{n}>{r})" for n, r in how["patterns"])).fullmatch

    def find(text):
        found = fullmatch(text)
        return found.lastgroup if found is not None else None

    return find


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
        self._state_lexers = [None] * len(self.states)
        self._root_spec, self._root = tables["root_lexer"], None
        self.terminals = [Terminal(*t) for t in tables["terminals"]]
        self._terminals = {t.name: t for t in self.terminals}

    def get_terminal(self, name):
        return self._terminals[name]

    def _lexer(self, state):
        lexer = self._state_lexers[state]
        if lexer is None:  # compiled on first use: a one-liner visits a handful of states
            index = self._lexer_of_state[state]
            if self._lexers[index] is None:
                self._lexers[index] = _Lexer(self._lexer_specs[index])
            lexer = self._state_lexers[state] = self._lexers[index]
        return lexer

    def _root_lexer(self):
        if self._root is None:
            self._root = _Lexer(self._root_spec)
        return self._root

    def parse(self, text):
        """One loop, lexer and parser inlined: it runs for every line of a script."""
        states, rules, end_state = self.states, self.rules, self.end
        state_lexers = self._state_lexers
        stack, values = [self.start], []
        pos, line, line_start, size_of_text = 0, 1, 0, len(text)
        last = None
        while True:
            lexer = state_lexers[stack[-1]] or self._lexer(stack[-1])
            token = None
            while pos < size_of_text:
                found = lexer.match(text, pos)
                if found is None:
                    self._no_match(lexer, text, pos, line, line_start)
                type_ = found.lastgroup
                start = pos
                pos = found.end()
                if type_ in lexer.newline:
                    value = found.group()
                    newlines = value.count("\n")
                    if newlines:
                        line_start_now = start + value.rindex("\n") + 1
                    else:
                        line_start_now = line_start
                else:
                    newlines = 0
                if type_ in lexer.ignore:
                    if newlines:
                        line, line_start = line + newlines, line_start_now
                    continue
                token = Token(type_, found.group(), start, line, start - line_start + 1)
                if newlines:
                    line, line_start = line + newlines, line_start_now
                keywords = lexer.keywords.get(type_)
                if keywords is not None:
                    keyword = keywords(token.value)
                    if keyword is not None:
                        token.type = keyword
                break
            if token is None:  # the end: $END takes the last token's place, as in lark
                token = Token("$END", "", last.start_pos, last.line, last.column) if last \
                    else Token("$END", "", 0, 1, 1)
            last = token
            type_ = token.type
            while True:
                actions = states[stack[-1]]
                action = actions.get(type_)
                if action is None:
                    raise UnexpectedToken(token, [s for s in actions if s.isupper()])
                if action >= 0:  # shift (never $END: the end state is reached by a reduce)
                    stack.append(action)
                    values.append(token)
                    break
                data, origin, size, expand1, include = rules[~action]
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
                if type_ == "$END" and stack[-1] == end_state:
                    return value

    def _no_match(self, lexer, text, pos, line, line_start):
        """Nothing the state's lexer knows matches at pos.  As lark: an unexpected token when
        a terminal of the whole grammar matches there, else unexpected characters."""
        problem = UnexpectedCharacters(text, pos, line, pos - line_start + 1, lexer.allowed)
        root = self._root_lexer()
        while pos < len(text):
            found = root.match(text, pos)
            if found is None:
                raise problem
            type_, value = found.lastgroup, found.group()
            token = Token(type_, value, pos, line, pos - line_start + 1)
            if type_ in root.newline and "\n" in value:
                line += value.count("\n")
                line_start = pos + value.rindex("\n") + 1
            pos = found.end()
            if type_ in root.keywords:
                keyword = root.keywords[type_](value)
                if keyword is not None:
                    token.type = keyword
            if type_ not in root.ignore:
                raise UnexpectedToken(token, problem.allowed)
        raise problem


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
