# kapi: api-defs -> generator -> generated server. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8080
DATA_DIR ?= ./data

.PHONY: help install generate verify build test run bench clean test-kubectl-matrix

help:
	@echo "make run      install, generate, build and start the server on 127.0.0.1:$(PORT) (LevelDB in $(DATA_DIR))"
	@echo "make test     install, build, run every test (CI also runs make verify)"
	@echo "make generate regenerate generated/ from api-defs/"
	@echo "make verify   fail if generated/ differs from a fresh generation"
	@echo "make bench    run the benchmarks in bench/"
	@echo "make test-kubectl-matrix  run test/kubectl/*.test.ts with kubectl $(KUBECTL_VERSIONS) and print a matrix"

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
	npx tsx bench/watch.ts

clean:
	rm -rf dist

# The kubectl acceptance suites once per kubectl release (KAPI_KUBECTL, see
# test/kubectl/kubectl-binary.ts), then a matrix: passed/total per file and version. A file that
# does not read KAPI_KUBECTL runs its own fixed kubectl in every column and is marked so.
KUBECTL_VERSIONS ?= 1.27 1.32 1.33
KUBECTL_DIR ?= /usr/lib/google-cloud-sdk/bin
KUBECTL_TESTS ?= $(wildcard test/kubectl/*.test.ts)
define KUBECTL_MATRIX_REPORT
const fs = require("fs");
const [dir, versions, ...files] = process.argv.slice(1);
const vs = versions.split(" ");
const failures = [];
let bad = 0;
const w = Math.max(...files.map((f) => f.length)) + 3;
console.log("\nkubectl matrix (passed/total; pending tests not counted)");
console.log("".padEnd(w) + vs.map((v) => v.padEnd(14)).join(""));
for (const f of files) {
  const fixed = !fs.readFileSync(f, "utf8").includes("kubectl-binary");
  let row = (f + (fixed ? " *" : "")).padEnd(w);
  for (const v of vs) {
    const base = dir + "/" + v + "--" + f.split("/").pop();
    let cell;
    try {
      const r = JSON.parse(fs.readFileSync(base + ".json", "utf8"));
      const p = r.stats.passes, t = r.stats.passes + r.stats.failures;
      cell = p + "/" + t + (r.stats.failures ? " FAIL" : " ok");
      if (r.stats.failures) bad++;
      for (const x of r.failures) failures.push(v + " " + f + ": " + x.fullTitle + "\n      " + String(x.err.message || "").split("\n")[0]);
    } catch {
      cell = "ERROR";
      bad++;
      failures.push(v + " " + f + ": did not run\n" + fs.readFileSync(base + ".log", "utf8").slice(-600));
    }
    row += cell.padEnd(14);
  }
  console.log(row);
}
console.log("* = ignores KAPI_KUBECTL (runs its own fixed kubectl in every column)");
if (failures.length) console.log("\nfailures:\n  " + failures.join("\n  "));
process.exit(bad ? 1 : 0);
endef
export KUBECTL_MATRIX_REPORT
test-kubectl-matrix: install
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	for v in $(KUBECTL_VERSIONS); do for f in $(KUBECTL_TESTS); do \
	  echo "kubectl $$v: $$f" >&2; \
	  KAPI_KUBECTL=$(KUBECTL_DIR)/kubectl.$$v npx mocha --reporter json \
	    --reporter-option output="$$out/$$v--$$(basename $$f).json" "$$f" >"$$out/$$v--$$(basename $$f).log" 2>&1; \
	done; done; \
	node -e "$$KUBECTL_MATRIX_REPORT" "$$out" "$(KUBECTL_VERSIONS)" $(KUBECTL_TESTS)
