#!/usr/bin/env bash
# Build the VS Code extension: pitfall-tutor and its libraries for CPython 3.10 to 3.14 in
# bundled/libs/, the extension's JavaScript bundled by esbuild into dist/, and a linux-x64
# .vsix (libcst and PyYAML have native wheels, hence a platform-specific package).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
PYTHON_VERSIONS="${PYTHON_VERSIONS:-3.10 3.11 3.12 3.13 3.14}"

rm -rf bundled/libs build
mkdir -p build
quiet_pip() {  # pip's notes about this machine's extra index folders are noise here
  "$PYTHON" -m pip "$@" --quiet --disable-pip-version-check 2> >(grep -v "is ignored: it is neither" >&2)
}
quiet_pip wheel --no-deps --wheel-dir build ../..
for version in $PYTHON_VERSIONS; do
  # --target ignores what is installed, so the resolver's notes about that environment are noise too.
  quiet_pip install --root-user-action=ignore --no-compile --target "bundled/libs/cp${version/./}" \
    --implementation cp --python-version "$version" --only-binary=:all: \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux2014_x86_64 build/pitfall_tutor-*.whl
done
rm -rf build bundled/libs/*/bin bundled/libs/*/libcst/tests bundled/libs/*/libcst/*/tests
"$PYTHON" share_pure_libs.py bundled/libs

npm ci --no-audit --no-fund
npm run compile
npx @vscode/vsce package --no-dependencies --allow-missing-repository --target linux-x64 \
  --out pitfall-tutor.vsix < /dev/null
