#!/usr/bin/env bash
# Build the VS Code extension from its lock file and package it as a .vsix.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run compile
npx @vscode/vsce package --allow-missing-repository --out pitfall-tutor.vsix < /dev/null
