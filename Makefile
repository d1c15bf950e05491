# Heard: build, run and test. `make` lists the targets.
#
# Every target that needs a tool first runs scripts/ensure-tools.sh, which
# installs only what is missing, so a fresh machine needs nothing but Rust
# (rustup), node/npm, python3 and gcc.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# The steps of `make test` rely on their order; never run them side by side.
.NOTPARALLEL:
MAKEFLAGS += --no-builtin-rules

# One target directory for every command (and every checkout on the machine).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/heard-target

# Cargo profile of the heard binary that run, build and e2e use.
# Debug is the default, for `make run` too: it is the binary `make test` and
# `make e2e` build anyway, so a demo after a test run starts in seconds; a
# clean debug build takes about 2 minutes here against 4 (8 on a busy machine)
# for release; and password hashing, the only work a demo would notice, is
# optimised in debug builds as well ([profile.dev.package.*] in Cargo.toml).
# `make run PROFILE=release` builds and runs an optimised binary.
PROFILE ?= dev
HEARD_BIN := $(CARGO_TARGET_DIR)/$(if $(filter dev test,$(PROFILE)),debug,$(PROFILE))/heard
HEARD_BENCH_BIN := $(dir $(HEARD_BIN))heard-bench

# Scratch space of this checkout: the throwaway PostgreSQL cluster and test logs.
checkout_id := $(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
PG_TEST_DIR ?= /tmp/heard-pg-$(checkout_id)
PG_FUZZ_DIR ?= /tmp/heard-pg-fuzz-$(checkout_id)
PG_CRASH_DIR ?= /tmp/heard-pg-crash-$(checkout_id)
PG_CLIENT_DIR ?= /tmp/heard-pg-client-$(checkout_id)
# Seconds of schemathesis per run (two runs per backend: staff and family).
FUZZ_SECONDS ?= 90
TEST_LOG_DIR ?= /tmp/heard-test-$(checkout_id)

start_time := $(shell date +%s)

say = @printf '\n==> %s\n'
# Fails the step when a script that another part of the project provides is absent.
require = @test -f $(1) || { printf '\nerror: %s does not exist, so step "%s" cannot run.\n' $(1) $@ >&2; exit 1; }
# Sum of "N passed" over the "test result:" lines of a cargo test log.
count_passed = awk '/^test result:/ { for (i = 1; i < NF; i++) if ($$(i + 1) == "passed;") n += $$i } END { print n + 0 }' $(1)

.PHONY: help run test e2e pg-test lint fmt build openapi clean-db tools bench \
	tools-run tools-lint tools-test fmt-check clippy clippy-frontend wasm-check \
	openapi-check test-sqlite test-pg frontend build-api fuzz-api client-check crash-short \
	crash-test recompute-crash e2e-run

##@ Targets

help: ## List the targets
	@printf 'Usage: make TARGET [PROFILE=release]\n'
	@awk 'BEGIN { FS = ":[^#]*## " } \
	     /^##@/ { printf "\n%s\n", substr($$0, 5) } \
	     /^[a-z0-9-]+:.*## / { printf "  %-16s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

run: tools-run frontend build-api ## Build, migrate, seed the demo district and serve (HEARD_BIND, default 127.0.0.1:8080)
	$(say) "Starting Heard (settings: environment, then .env, then defaults)"
	@. scripts/dotenv.sh; \
	export HEARD_BIND="$${HEARD_BIND:-127.0.0.1:8080}"; \
	echo "+ heard migrate"; "$(HEARD_BIN)" migrate; \
	echo "+ heard seed-demo"; "$(HEARD_BIN)" seed-demo; \
	host=$${HEARD_BIND%:*}; port=$${HEARD_BIND##*:}; \
	case "$$host" in 0.0.0.0 | '[::]' | '') host=127.0.0.1 ;; esac; \
	printf '\n  Heard:        %s\n' "$${HEARD_PUBLIC_URL:-http://$$host:$$port}"; \
	printf '  Demo logins:  the demo staff accounts listed above by seed-demo, password "%s"\n' \
	  "$${HEARD_DEMO_PASSWORD:-lakeview-demo}"; \
	if [ -z "$${HEARD_SMTP_URL:-}" ]; then \
	  mkdir -p "$${HEARD_MAIL_DIR:-mail-outbox}"; \
	  printf '  Email:        no HEARD_SMTP_URL, so every message is an .eml file in %s\n' \
	    "$$(cd "$${HEARD_MAIL_DIR:-mail-outbox}" && pwd)"; \
	else \
	  printf '  Email:        sent through HEARD_SMTP_URL\n'; \
	fi; \
	printf '  Stop with Ctrl-C.\n\n'; \
	echo "+ heard serve"; \
	exec "$(HEARD_BIN)" serve

test: tools-test fmt-check clippy clippy-frontend wasm-check openapi-check test-sqlite test-pg frontend build-api fuzz-api client-check crash-short recompute-crash e2e-run ## Everything CI checks, in order, stopping at the first failure
	@elapsed=$$(( $$(date +%s) - $(start_time) )); \
	printf '\nmake test: all steps passed in %dm%02ds: fmt, clippy (native, wasm32), wasm32 check, OpenAPI validation, %s tests on SQLite, %s on PostgreSQL, frontend build, API fuzzing, generated client, crash tests (intake, calendar recompute), e2e\n' \
	  $$((elapsed / 60)) $$((elapsed % 60)) \
	  "$$($(call count_passed,$(TEST_LOG_DIR)/sqlite.log))" \
	  "$$($(call count_passed,$(TEST_LOG_DIR)/postgres.log))"

e2e: tools-test frontend build-api e2e-run ## Build the frontend and the binary, then run Playwright in Chromium

pg-test: tools-test test-pg ## Only the store and api tests, on a throwaway PostgreSQL

lint: tools-lint fmt-check clippy clippy-frontend ## cargo fmt --check and clippy (native and wasm32), warnings as errors

fmt: tools-lint ## Format all code
	cargo fmt --all

build: tools-run frontend build-api ## Build the frontend into dist/ and the heard binary

openapi: tools-run ## Regenerate api-spec/openapi.json from the code
	$(say) "Regenerating api-spec/openapi.json"
	@mkdir -p api-spec; \
	tmp=$$(mktemp api-spec/.openapi.json.XXXXXX); \
	trap 'rm -f "$$tmp"' EXIT; \
	echo "+ cargo run -q -p heard-api -- gen-openapi > api-spec/openapi.json"; \
	cargo run -q -p heard-api -- gen-openapi >"$$tmp"; \
	python3 -m json.tool "$$tmp" >/dev/null || \
	  { echo "openapi: gen-openapi did not print valid JSON; api-spec/openapi.json is unchanged" >&2; exit 1; }; \
	chmod 644 "$$tmp"; \
	mv "$$tmp" api-spec/openapi.json

bench: tools-test ## Release benchmark over HTTP against this machine's ceilings; writes bench/results/
	scripts/bench.sh

clean-db: ## Delete the local SQLite database (HEARD_DATABASE_URL) and any leftover test cluster
	scripts/pg-cluster.sh stop $(PG_TEST_DIR)
	@. scripts/dotenv.sh; \
	url="$${HEARD_DATABASE_URL:-sqlite://./heard.db}"; \
	case "$$url" in \
	  sqlite:*) \
	    file=$${url#sqlite:}; file=$${file#//}; file=$${file%%\?*}; \
	    echo "+ rm -f $$file $$file-wal $$file-shm $$file-journal"; \
	    rm -f -- "$$file" "$$file-wal" "$$file-shm" "$$file-journal" ;; \
	  *) echo "clean-db: $$url is not a SQLite database; drop it with PostgreSQL's own tools" >&2; exit 1 ;; \
	esac

tools: ## Install whatever build, run and tests need that is missing
	scripts/ensure-tools.sh all

##@ Steps of `make test`, one by one (without the tool check)

tools-run tools-lint tools-test:
	$(say) "Tools for $(@:tools-%=%)"
	scripts/ensure-tools.sh $(@:tools-%=%)

fmt-check: ## Formatting: cargo fmt --check
	$(say) "Formatting: cargo fmt --check"
	cargo fmt --all -- --check

# The frontend builds only for wasm32, so the native passes leave it out.
clippy: ## Clippy on the native crates and all their targets
	$(say) "Clippy, native crates"
	cargo clippy --workspace --exclude heard-frontend --all-targets -- -D warnings

clippy-frontend: ## Clippy on the frontend for wasm32
	$(say) "Clippy, frontend for wasm32"
	cargo clippy -p heard-frontend --target wasm32-unknown-unknown -- -D warnings

openapi-check: ## api-spec/openapi.json is valid OpenAPI 3.1 (openapi-spec-validator)
	$(say) "OpenAPI document: a standard validator"
	scripts/openapi-check.sh

wasm-check: ## heard-domain compiles to wasm32 on its own
	$(say) "heard-domain compiles for wasm32"
	cargo check -p heard-domain --target wasm32-unknown-unknown

test-sqlite: ## All tests, each on a fresh SQLite file
	$(say) "Tests on SQLite"
	@mkdir -p $(TEST_LOG_DIR)
	env -u HEARD_TEST_DATABASE_URL cargo test --workspace --exclude heard-frontend 2>&1 | tee $(TEST_LOG_DIR)/sqlite.log

test-pg: ## Store and api tests on a throwaway PostgreSQL cluster
	$(say) "Tests on PostgreSQL"
	@mkdir -p $(TEST_LOG_DIR); \
	trap 'cp $(PG_TEST_DIR)/server.log $(TEST_LOG_DIR)/postgres-server.log 2>/dev/null || true; \
	      scripts/pg-cluster.sh stop $(PG_TEST_DIR)' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	echo "+ scripts/pg-cluster.sh start $(PG_TEST_DIR)"; \
	url=$$(scripts/pg-cluster.sh start $(PG_TEST_DIR)); \
	echo "+ HEARD_TEST_DATABASE_URL=$$url cargo test -p heard-store -p heard-api"; \
	HEARD_TEST_DATABASE_URL=$$url cargo test -p heard-store -p heard-api 2>&1 | tee $(TEST_LOG_DIR)/postgres.log

frontend: ## Build the browser app into dist/ (frontend/build.sh)
	$(say) "Frontend: frontend/build.sh"
	$(call require,frontend/build.sh)
	bash frontend/build.sh

build-api: ## Build the heard binary, and heard-bench, which fills a database for the crash tests
	$(say) "heard binary: cargo build -p heard-api -p heard-bench --profile $(PROFILE)"
	cargo build -p heard-api -p heard-bench --profile $(PROFILE)

e2e-run: ## Playwright against the built binary (e2e/run.sh)
	$(say) "End-to-end: e2e/run.sh against $(HEARD_BIN)"
	$(call require,e2e/run.sh)
	HEARD_BIN=$(HEARD_BIN) bash e2e/run.sh

fuzz-api: ## Schemathesis (every check, staff and family) against the binary on SQLite and PostgreSQL
	$(say) "API fuzzing: schemathesis on SQLite and PostgreSQL, $(FUZZ_SECONDS)s per run"
	@tmp=$$(mktemp -d); \
	trap 'scripts/pg-cluster.sh stop $(PG_FUZZ_DIR); rm -rf "$$tmp"' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	scripts/schemathesis.sh "$(HEARD_BIN)" "sqlite://$$tmp/fuzz.db" $(FUZZ_SECONDS); \
	url=$$(scripts/pg-cluster.sh start $(PG_FUZZ_DIR)); \
	psql "$$url" -qc 'CREATE DATABASE heard_fuzz'; \
	scripts/schemathesis.sh "$(HEARD_BIN)" "$${url%/postgres}/heard_fuzz" $(FUZZ_SECONDS)

client-check: ## A client generated from api-spec/openapi.json runs the family and staff flows, on SQLite and PostgreSQL
	$(say) "Generated client (openapi-python-client): family and staff flows on SQLite and PostgreSQL"
	@tmp=$$(mktemp -d); \
	trap 'scripts/pg-cluster.sh stop $(PG_CLIENT_DIR); rm -rf "$$tmp"' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	scripts/client-check.sh "$(HEARD_BIN)" "sqlite://$$tmp/client.db"; \
	url=$$(scripts/pg-cluster.sh start $(PG_CLIENT_DIR)); \
	psql "$$url" -qc 'CREATE DATABASE heard_client'; \
	scripts/client-check.sh "$(HEARD_BIN)" "$${url%/postgres}/heard_client"

# kill -9 under load on both backends; CRASH_ROUNDS kills per backend.
define crash_run
	$(say) "Crash test: $(1) kills per backend while clients submit, on SQLite and PostgreSQL; then two nodes on one PostgreSQL, one killed"
	@tmp=$$(mktemp -d); \
	trap 'scripts/pg-cluster.sh stop $(PG_CRASH_DIR); rm -rf "$$tmp"' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	python3 scripts/crash_test.py --bin "$(HEARD_BIN)" --db "sqlite://$$tmp/crash.db" --rounds $(1); \
	url=$$(scripts/pg-cluster.sh start $(PG_CRASH_DIR)); \
	psql "$$url" -qc 'CREATE DATABASE heard_crash'; \
	python3 scripts/crash_test.py --bin "$(HEARD_BIN)" --db "$${url%/postgres}/heard_crash" --rounds $(1); \
	psql "$$url" -qc 'CREATE DATABASE heard_two_nodes'; \
	python3 scripts/two_nodes.py --bin "$(HEARD_BIN)" --db "$${url%/postgres}/heard_two_nodes"
endef

crash-test: tools-test build-api ## Kill the server ten times under load: every acknowledged inquiry exists exactly once
	$(call crash_run,10)

crash-short: ## The crash test's short form, run by make test
	$(call crash_run,3)

recompute-crash: ## Kill the server three times during a calendar recompute: it ends as an uninterrupted one does
	$(say) "Crash test: 3 kills during a calendar recompute of 40,000 inquiries, compared with one left alone (SQLite)"
	python3 scripts/recompute_crash.py --bin "$(HEARD_BIN)" --bench "$(HEARD_BENCH_BIN)" --count 40000 --kills 3
