#!/usr/bin/env bash
# Spark GPU discovery script for seat's executors (spark.executor.resource.gpu.discoveryScript,
# spark.worker.resource.gpu.discoveryScript on a standalone worker): prints this node's GPUs, by
# the index nvidia-smi gives them (which is what --device gpu:N means to libtorch), as Spark's
# resource JSON, e.g. {"name": "gpu", "addresses": ["0","1"]}. No GPU, or no nvidia-smi: no addresses.
set -euo pipefail
addresses=""
if command -v nvidia-smi >/dev/null 2>&1; then
  for index in $(nvidia-smi --query-gpu=index --format=csv,noheader); do
    addresses="${addresses:+$addresses,}\"${index//[[:space:]]/}\""
  done
fi
printf '{"name": "gpu", "addresses": [%s]}\n' "$addresses"
