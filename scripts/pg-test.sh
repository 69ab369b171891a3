#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server, then remove the server.
#
#   scripts/pg-test.sh .venv/bin/pytest tests/web -q
#
# Starts a private cluster (initdb in a temp folder, fsync off, TCP on 127.0.0.1 only),
# exports DATABASE_URL for the command, and always stops and deletes the cluster,
# also when the command fails or is interrupted. Works as root (initdb runs as the
# `postgres` user via runuser) and as a normal user. Exits with the command's status.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2
  exit 1
fi

PORT=${PG_TEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PGDATA=$(mktemp -d -t backstride-pg.XXXXXX)

if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDATA"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT INT TERM

as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDATA -c fsync=off -c full_page_writes=off" \
  start >/dev/null
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres backstride

export DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/backstride"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT (DATABASE_URL set)" >&2
set +e
"$@"
status=$?
set -e
exit $status
