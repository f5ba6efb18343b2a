"""Run every benchmark module in bench/ and print its figures: `python -m bench [name ...]`,
or one module with its options: `python -m bench pages --size small`.

Each module `bench/<name>.py` has a `main()` that prints its own results. Benchmarks build
their own database (a temporary SQLite file, or PostgreSQL when DATABASE_URL is set).
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    if len(argv) > 1 and argv[1].startswith("-"):
        importlib.import_module(f"bench.{argv[0]}").main(argv[1:])
        return 0
    names = argv or sorted(
        info.name for info in pkgutil.iter_modules([str(here)]) if not info.name.startswith("_")
    )
    for name in names:
        print(f"\n=== bench/{name}.py ===", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
