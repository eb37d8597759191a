#!/usr/bin/env bash
# Configure and build everything into build/ (the paths the README names:
# build/passes/libPyUnbox.so and build/runtime/pyunbox-dump).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
