"""The interactive shell (prompt_toolkit); imported only when a terminal is attached."""

# Completion runs on lark's interactive parser; lark is imported through midoshell.lark_grammar so
# that it does not take the `regex` module (~12 ms) when that happens to be installed.
from midoshell.lark_grammar import import_lark

import_lark()
