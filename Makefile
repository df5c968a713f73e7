# Strategikon: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-installed-stamp
PYTEST_ARGS ?=
# Test processes (pytest-xdist): every process has its own database and broker queues, and most
# of the suite's time is spent waiting (workers, browsers, subprocesses). 0 runs in one process.
# "logical": one per CPU the machine shows. "auto" counts physical cores once psutil is installed
# (the dev extra declares it), which is 1 on a 2-vCPU machine with two threads per core.
PYTEST_WORKERS ?= logical

.PHONY: run test lint typecheck bench bench-tests install clean-var

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The load generator (locust, py-spy) only for `make bench`, not for every newcomer's `make test`.
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

install: $(STAMP)
	# axe-core (npm) for the browser tests' accessibility checks, when Node.js is present.
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; fi

## run: the whole platform with demo data: web on http://127.0.0.1:8000 plus a Celery worker with beat
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_seeds
	DEBUG=$${DEBUG:-1} $(PY) manage.py run_platform

## test: every test except benchmarks (SQLite + embedded broker unless DATABASE_URL / REDIS_URL are set)
test: $(STAMP)
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	DEBUG=1 $(VENV)/bin/mypy config core courseware demo quizzes tools

## bench: the load benchmark on the real stack (needs DATABASE_URL=postgres://... and REDIS_URL);
## SCENARIO=burst|exam|grading|import|all (default all), STUDENTS=N, DURATION=S (exam), WORKERS=N, PROFILE=1,
## HOSTS=N (web hosts behind haproxy, round robin; needs `apt-get install -y haproxy`), PROXY=1 (one host behind haproxy)
SCENARIO ?= all
STUDENTS ?=
DURATION ?=
WORKERS ?=
HOSTS ?=
PROXY ?=
bench: $(BENCH_STAMP)
	@$(PY) -m tools.bench --scenario $(SCENARIO) $(if $(STUDENTS),--students $(STUDENTS)) \
		$(if $(DURATION),--duration $(DURATION)) $(foreach w,$(WORKERS),--workers $(w)) $(if $(PROFILE),--profile) \
		$(if $(HOSTS),--hosts $(HOSTS)) $(if $(filter 1 yes true,$(PROXY)),--proxy)

## bench-tests: the slow measurements marked `benchmark`
bench-tests: $(BENCH_STAMP)
	$(PY) -m pytest -m benchmark -s $(PYTEST_ARGS)

clean-var:
	rm -rf var
