#!/usr/bin/env bash
# Builds the plain C++ kernels with AddressSanitizer and UndefinedBehaviorSanitizer together with
# the driver native/test/sanitize.cc, and runs it. Any memory error or undefined behaviour fails.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
g++ -std=c++17 -O1 -g1 -fno-omit-frame-pointer -ffp-contract=off -fno-math-errno \
  -fsanitize=address,undefined -fno-sanitize-recover=all -pthread \
  kernels/*.cc test/sanitize.cc -o "$out/sanitize"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 "$out/sanitize"
rm -rf "$out"
