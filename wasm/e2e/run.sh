#!/usr/bin/env bash
# Browser end-to-end tests (filled in by the browser-app work).
set -euo pipefail
echo "e2e: no browser tests yet"
