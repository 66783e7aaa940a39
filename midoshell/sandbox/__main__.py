"""`python -m midoshell.sandbox`: the same as the midoshell-sandbox command."""

import sys

from .cli import main

sys.exit(main())
