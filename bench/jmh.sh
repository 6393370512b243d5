#!/usr/bin/env bash
# JMH benchmarks of the hot paths (bench/README.md): worker runtime batch, drift report, cost report, config.
# Arguments: an optional regex of benchmarks, --forks N, --out FILE.
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
# The functions' log4j configuration logs INFO to stdout: benchmark the code, not the console.
export POWERTOOLS_LOG_LEVEL=WARN
exec "$JAVA_HOME/bin/java" -cp "$BENCH_CLASSPATH" dev.caretaker.bench.jmh.HotPathBench "$@"
