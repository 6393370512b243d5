#!/usr/bin/env bash
# Cold start of every function against its default-wired twin and a hello-world floor (bench/README.md).
# Options: --rounds N (15), --only DriftWorkerFunction,CostWorkerFunction, --out FILE.
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$BENCH_CLASSPATH" dev.caretaker.bench.coldstart.ColdStartBench "$@"
