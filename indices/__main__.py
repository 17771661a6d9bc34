"""``python -m indices``: see :mod:`indices.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
