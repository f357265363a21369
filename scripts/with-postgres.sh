#!/usr/bin/env bash
# Runs a command with TEST_POSTGRES_URL pointing at a throwaway PostgreSQL on 127.0.0.1, which is
# stopped and removed afterwards whatever the outcome. If TEST_POSTGRES_URL is already set, the
# command runs against that instead. Starting a cluster needs root (PostgreSQL refuses to run as
# root, so the cluster belongs to the postgres user) and installs Debian's postgresql if missing.
#   bash scripts/with-postgres.sh pnpm test
set -euo pipefail
if [ -n "${TEST_POSTGRES_URL:-}" ]; then exec "$@"; fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "with-postgres: installing postgresql with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pgdir=$(mktemp -d /tmp/scimkit-pg.XXXXXX)
chmod 755 "$pgdir"
chown postgres: "$pgdir"
pgport=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
stop() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir" -w start >/dev/null
export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pgport/postgres"
echo "with-postgres: throwaway PostgreSQL at 127.0.0.1:$pgport" >&2
status=0
"$@" || status=$?
exit "$status"
