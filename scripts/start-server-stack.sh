#!/usr/bin/env bash
# Server mode on one machine, for a try-out: PostgreSQL databases, a Prefect server on PostgreSQL
# and two task workers serving the advance-region task. Stop everything with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$PWD/.venv/bin/python}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
PORT=${PREFECT_PORT:-4200}
STACK=${STACK_DIR:-$PWD/var/server-stack}
mkdir -p "$STACK"

for db in advisory prefect; do
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "CREATE DATABASE $db"
done

export PREFECT_HOME="$STACK/prefect-home"
export PREFECT_API_DATABASE_CONNECTION_URL="postgresql+asyncpg://$PGUSER@$PGHOST:$PGPORT/prefect"
export PREFECT_API_URL="http://127.0.0.1:$PORT/api"
export PREFECT_SERVER_ANALYTICS_ENABLED=false
export ADVISORY_DATABASE_URL="postgresql+psycopg://$PGUSER@$PGHOST:$PGPORT/advisory"
export ADVISORY_OUTPUT_DIR="${ADVISORY_OUTPUT_DIR:-$STACK/documents}"   # the shared document path
export PREFECT_RESULTS_LOCAL_STORAGE_PATH="${PREFECT_RESULTS_LOCAL_STORAGE_PATH:-$STACK/task-storage}"  # shared too
export PYTHONPATH="$PWD"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
"$PYTHON" -m prefect server start --host 127.0.0.1 --port "$PORT" >"$STACK/server.log" 2>&1 & pids+=($!)
until curl -fs "$PREFECT_API_URL/health" >/dev/null; do sleep 1; done
echo "Prefect server: http://127.0.0.1:$PORT (UI), log $STACK/server.log"

for n in 1 2; do
  "$PYTHON" -m workflows.worker --name "worker-$n" >"$STACK/worker-$n.log" 2>&1 & pids+=($!)
done
echo "two task workers started; in another shell, with the same ADVISORY_* and PREFECT_* variables:"
echo "  export PREFECT_API_URL=$PREFECT_API_URL ADVISORY_DATABASE_URL=$ADVISORY_DATABASE_URL"
echo "  export ADVISORY_OUTPUT_DIR=$ADVISORY_OUTPUT_DIR PREFECT_RESULTS_LOCAL_STORAGE_PATH=$PREFECT_RESULTS_LOCAL_STORAGE_PATH"
echo "  advisory demo        # or: advisory programme / advisory status"
wait
