#!/usr/bin/env bash
# Rebuilds src/test/resources/cuda-stub/libcuda.so.1 (committed, so CI needs no C compiler). Linux x86-64, any gcc.
set -euo pipefail
cd "$(dirname "$0")"
gcc -shared -fPIC -O2 -s -Wl,-soname,libcuda.so.1 -o ../../resources/cuda-stub/libcuda.so.1 libcuda-stub.c
ls -l ../../resources/cuda-stub/libcuda.so.1
