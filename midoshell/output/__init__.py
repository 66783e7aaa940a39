"""Rendering results for the terminal or a pipe."""

from midoshell.output.text import render_text

__all__ = ["render_text"]
