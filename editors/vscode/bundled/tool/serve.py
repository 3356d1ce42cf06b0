"""Run the pitfall-tutor bundled inside the VS Code extension with this interpreter.

The extension starts `python -I bundled/tool/serve.py serve`: `-I` keeps the user's
PYTHONPATH and user site-packages out, and the libraries built for this Python's
version (bundled/libs/cpXY, then bundled/libs/common; build.sh makes them) come first
on sys.path. `--check` only
proves they import.
"""

import os
import sys

EXIT_UNSUPPORTED = 3  # the extension shows this script's one-line message

version = sys.version_info
here = os.path.dirname(os.path.abspath(__file__))
libs = os.path.join(os.path.dirname(here), "libs", f"cp{version[0]}{version[1]}")
if not os.path.isdir(libs):
    bundled = sorted(os.listdir(os.path.join(os.path.dirname(here), "libs")))
    known = ", ".join(f"{name[2]}.{name[3:]}" for name in bundled if name.startswith("cp"))
    sys.stderr.write(
        f"{sys.executable} is Python {version[0]}.{version[1]}; the bundled tool runs on {known}.\n"
    )
    sys.exit(EXIT_UNSUPPORTED)
# Per-version (native) libraries first, then the pure-Python ones all versions share.
sys.path[:0] = [libs, os.path.join(os.path.dirname(libs), "common")]
# Processes the server starts with this interpreter (the rendering of the question pages) too.
os.environ["PYTHONPATH"] = os.pathsep.join(sys.path[:2])

if sys.argv[1:] == ["--check"]:
    import pitfall_tutor.server.main  # noqa: F401

    sys.exit(0)

# The entry point, not the typer app: `serve` then skips typer and pydantic (cli/entry.py).
from pitfall_tutor.cli.entry import main  # noqa: E402

sys.argv = ["tutor", *sys.argv[1:]]
main()
