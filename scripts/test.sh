#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs (PostgreSQL; chromium and CJK fonts for the
# browser tests, from Debian's packages: nothing is downloaded at test time), starts a throwaway
# PostgreSQL 15 in a temporary folder, runs every test project against SQLite and PostgreSQL, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need initdb && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "== installing PostgreSQL (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! need npm; then
  echo "== installing Node.js and npm (Debian packages): the web build restores Bootstrap, bootstrap-icons and Chart.js with npm"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "== installing chromium and fonts-noto-cjk (Debian packages) for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /usr/lib/postgresql/15/bin/initdb)")

PGDIR=$(mktemp -d /tmp/jxladder-pg.XXXXXX)
PGPORT=${JXLADDER_PG_PORT:-55432}
RUNAS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; RUNAS=(runuser -u postgres --); fi   # initdb refuses root
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$PGDIR/log" -w start >/dev/null
trap '"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
echo "== throwaway PostgreSQL on 127.0.0.1:$PGPORT"

export JXLADDER_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=false"
export JXLADDER_REQUIRE_PG=1

dotnet build JxEnterpriseLadder.sln -c Release -v q -nologo
LOG="$PGDIR/test.log"
set +e
dotnet test JxEnterpriseLadder.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
# One plain closing line over all test projects.
awk '/(Passed|Failed)! +- +Failed: /{ gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
exit "$status"
