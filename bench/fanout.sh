#!/usr/bin/env bash
# Drift over 1,000 stacks against the rate-limited sandbox CloudFormation (bench/README.md).
# Options: --stacks N, --workers N, --budget CALLS_PER_S, --api-limit CALLS_PER_S, --runs N, --out FILE.
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
export POWERTOOLS_LOG_LEVEL=WARN
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -Djava.io.tmpdir=bench/harness/target \
  -cp "$BENCH_CLASSPATH" dev.caretaker.bench.fanout.FanOutBench "$@"
