"""The command language's LALR tables, read out of lark as plain data (JSON-ready).

lark analyses grammar/midoshell.lark; this module copies what its LALR parser and contextual
lexer run on (the parse table, each state's terminals in lark's matching order, the keyword
checks lark hangs on a regex terminal, how rules build the tree) into lists and dicts, so that
midoshell.lalr can parse a line the same way without importing lark.  Bump GENERATOR_VERSION
whenever what is read out, or how the driver reads it, changes: cached tables are keyed by it.
"""

GENERATOR_VERSION = 2

# The options midoshell builds lark's parser with; the driver reproduces exactly these.
LARK_OPTIONS = dict(parser="lalr", lexer="contextual", propagate_positions=False,
                    maybe_placeholders=False)


def generate(text, lark):
    """Tables for the grammar `text`, from the lark module given (imported by the caller)."""
    from lark.lexer import PatternStr, UnlessCallback
    from lark.parsers.lalr_analysis import Shift

    built = lark.Lark(text, **LARK_OPTIONS)
    if built.options.g_regex_flags or built.options.postlex or built.options.lexer_callbacks:
        raise ValueError("the grammar needs lark features the table driver does not reproduce")
    frontend = built.parser
    table = frontend.parser._parse_table
    if sorted(table.states) != list(range(len(table.states))):
        raise ValueError("lark's LALR states are not numbered 0..n-1")

    rules, rule_ids = [], {}

    def rule_id(rule):
        if id(rule) not in rule_ids:
            rule_ids[id(rule)] = len(rules)
            rules.append(_rule(rule))
        return rule_ids[id(rule)]

    states = []
    for number in range(len(table.states)):
        actions = {}
        for symbol, (action, arg) in table.states[number].items():
            # a shift (or goto) is the next state, n >= 0; a reduce by rule r is -1 - r
            actions[symbol] = arg if action is Shift else -1 - rule_id(arg)
        states.append(actions)

    lexers, lexer_of_state, seen = [], [], {}
    for number in range(len(states)):
        lexer = frontend.lexer.lexers[number]
        if id(lexer) not in seen:
            seen[id(lexer)] = len(lexers)
            lexers.append(_lexer(lexer, UnlessCallback))
        lexer_of_state.append(seen[id(lexer)])

    return {
        "generator": GENERATOR_VERSION,
        "lark": lark.__version__,
        "start": table.start_states["start"],
        "end": table.end_states["start"],
        "states": states,
        "rules": rules,
        "lexers": lexers,
        "lexer_of_state": lexer_of_state,
        "root_lexer": _lexer(frontend.lexer.root_lexer, UnlessCallback),
        "terminals": [[t.name, "str" if isinstance(t.pattern, PatternStr) else "re",
                       t.pattern.value] for t in built.terminals],
    }


def _rule(rule):
    """How lark's tree builder shapes a reduction of this rule (parse_tree_builder.py):
    anonymous keyword tokens dropped, `_rule` children inlined, `?rule` with one child
    replaced by that child."""
    keep_all = rule.options.keep_all_tokens
    include = [[index, not symbol.is_term and symbol.name.startswith("_")]
               for index, symbol in enumerate(rule.expansion)
               if keep_all or not (symbol.is_term and symbol.filter_out)]
    filtered = len(include) < len(rule.expansion) or any(expand for _, expand in include)
    return {
        "origin": rule.origin.name,
        "data": str(rule.alias or rule.options.template_source or rule.origin.name),
        "size": len(rule.expansion),
        "expand1": bool(rule.options.expand1 and not rule.alias),
        "include": include if filtered else None,
    }


def _lexer(lexer, unless_callback):
    """One state's lexer: its terminals in lark's order (first match wins), the keywords a
    regex terminal's match turns into, which terminals are skipped or may hold newlines."""
    scanner = lexer.scanner  # built on first use; it also fills lexer.callback
    unless = {}
    for name, callback in lexer.callback.items():
        if not isinstance(callback, unless_callback):
            raise ValueError(f"terminal {name} has a lexer callback the driver cannot run")
        keywords = callback.scanner.terminals
        if all(t.pattern.type == "str" and not t.pattern.flags for t in keywords):
            # literal keywords: a full match of one is equality, a dict look-up
            unless[name] = {"literals": {t.pattern.value: t.name for t in keywords}}
        else:
            unless[name] = {"patterns": [[t.name, t.pattern.to_regexp()] for t in keywords]}
    return {
        "terminals": [[t.name, t.pattern.to_regexp()] for t in scanner.terminals],
        "allowed": sorted(scanner.allowed_types - lexer.ignore_types) or ["<END-OF-FILE>"],
        "unless": unless,
        "ignore": sorted(lexer.ignore_types),
        "newline": sorted(lexer.newline_types),
    }
