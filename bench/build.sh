#!/usr/bin/env bash
# Builds what the benchmarks measure and run: the function jars, the default-wired twins, the harness.
# Sourced by the other scripts; not part of ./mvnw verify (the bench profile is off by default).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  echo "JAVA_HOME must point at a JDK 21 or newer" >&2
  exit 2
fi
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -q -Pbench -DskipTests package \
    -pl bench/harness,bench/twin-orchestrator,bench/twin-deployment-worker,bench/twin-drift-worker,bench/twin-cost-worker,bench/twin-backup-worker \
    -am
fi
BENCH_CLASSPATH="bench/harness/target/classes:$(cat bench/harness/target/classpath.txt)"
export BENCH_CLASSPATH
