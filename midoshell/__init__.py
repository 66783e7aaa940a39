"""midoshell: a command shell for MidoNet."""

__version__ = "0.1.0"
