# tiepdan — the two commands: `make run` (serve with demo data) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: run test setup lint format check-translations messages lock clean

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "tiepdan needs Python 3.11 (found %s); set PYTHON=/path/to/python3.11" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

setup: $(VENV)/.installed
	@mkdir -p staticfiles
	@$(PY) manage.py compile_translations

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "tiepdan chạy tại http://127.0.0.1:$(PORT)/  (dừng: Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-translations: setup
	$(PY) manage.py compile_translations --check

# Extract new strings into the catalogues (needs GNU gettext on the developer's machine).
APP_CATALOGUES := $(patsubst %/locale,%,$(wildcard tiepdan/*/locale))

messages: setup
	@# Apps with their own catalogue keep their strings there; the root catalogue takes the rest.
	$(PY) manage.py makemessages --locale vi --no-obsolete --ignore '.venv/*' --ignore 'tests/*' \
	  --ignore '*/tests/*' $(foreach app,$(APP_CATALOGUES),--ignore '$(app)/*')
	for app in $(APP_CATALOGUES); do (cd $$app && ../../$(PY) ../../manage.py makemessages \
	  --locale vi --no-obsolete --ignore 'tests/*'); done

lock:
	$(PY) -m pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
