# kapi: api-defs -> generator -> generated server. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8080
DATA_DIR ?= ./data

.PHONY: help install generate verify build test run bench clean

help:
	@echo "make run      install, generate, build and start the server on 127.0.0.1:$(PORT) (LevelDB in $(DATA_DIR))"
	@echo "make test     install, verify generated/ is fresh, build, run every test"
	@echo "make generate regenerate generated/ from api-defs/"
	@echo "make verify   fail if generated/ differs from a fresh generation"
	@echo "make bench    run the benchmarks in bench/"

# Installs exactly what package-lock.json pins; re-runs only when the lock file changes.
node_modules/.kapi-installed: package-lock.json
	npm ci
	@touch $@

install: node_modules/.kapi-installed

generate: install
	bin/apigen generate --input api-defs --output generated

# Regenerates into a temp dir and fails on any difference with the committed generated/.
verify: install
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	bin/apigen generate --input api-defs --output "$$tmp/generated" >/dev/null && \
	if diff -r generated "$$tmp/generated"; then echo "generated/ is up to date"; \
	else echo "generated/ is stale or hand-edited: run 'make generate' and commit the result" >&2; exit 1; fi

build: install
	npx tsc -p tsconfig.json

test: build
	npx mocha "test/**/*.test.ts"

run: generate build
	node dist/bin/apiserver.js --bind-address 127.0.0.1 --port $(PORT) --data-dir $(DATA_DIR)

bench: build
	npx tsx bench/deepcopy.ts
	npx tsx bench/crud.ts

clean:
	rm -rf dist
