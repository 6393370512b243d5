# Builds for `sam build` and a few conveniences.
#
# Why a Makefile: SAM's built-in Java builder builds one Maven project per CodeUri and cannot build
# a module of a multi-module reactor (aws-sam-cli issue 2289): the module's parent POM and the
# shared module live outside the CodeUri. So every function in template.yaml has
# `Metadata: BuildMethod: makefile` and `CodeUri: .` (this directory), and SAM runs the target
# build-<LogicalId> below with ARTIFACTS_DIR set to the function's output directory.
#
# Why CodeUri is the repository root for all five: with `sam build --build-in-source` SAM runs the
# target here, in the real reactor, with the Maven wrapper and ~/.m2; without it SAM copies the
# CodeUri first, and only the root holds the whole reactor. SAM never merges makefile builds that
# share a CodeUri, so each function still gets its own target and artifacts.
#
# Why lib/function.jar instead of unzipping: the Java runtime puts every jar in lib/ on the
# classpath, and a jar keeps its Multi-Release manifest (an unzipped tree does not), so the jar
# (shaded, then shrunk to the SDK operations the function calls: functions/shrink/) runs exactly
# as `.ci/run` checks it (bench/coldstart.sh --check).
#
# Why the lock: samconfig.toml builds in parallel, and five Maven runs in one reactor would
# compile shared/ into the same target/ at the same time. The lock serialises the Maven part only.

MVN ?= ./mvnw
MVN_FLAGS ?= -B -q
LOCK_DIR := .sam-build.lock

.PHONY: build test clean build-OrchestratorFunction build-DeploymentWorkerFunction \
        build-DriftWorkerFunction build-CostWorkerFunction build-BackupWorkerFunction

# $(1): module directory under functions/
define build_function
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run this target through 'sam build'" >&2; exit 1; }
	@until mkdir $(LOCK_DIR) 2>/dev/null; do sleep 1; done; \
	  trap 'rmdir $(LOCK_DIR)' EXIT; trap 'exit 130' INT TERM; \
	  $(MVN) $(MVN_FLAGS) -pl functions/$(1) -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/$(1)/target/function.jar "$(ARTIFACTS_DIR)/lib/function.jar"
endef

build-OrchestratorFunction:
	$(call build_function,orchestrator)

build-DeploymentWorkerFunction:
	$(call build_function,deployment-worker)

build-DriftWorkerFunction:
	$(call build_function,drift-worker)

build-CostWorkerFunction:
	$(call build_function,cost-worker)

build-BackupWorkerFunction:
	$(call build_function,backup-worker)

# Every module's jar, without SAM.
build:
	$(MVN) $(MVN_FLAGS) -DskipTests package

test:
	$(MVN) -B verify

# A lock left behind by a killed build is removed here too.
clean:
	$(MVN) $(MVN_FLAGS) clean
	rm -rf .aws-sam $(LOCK_DIR)
