"""The interactive shell (prompt_toolkit); imported only when a terminal is attached."""
