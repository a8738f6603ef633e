#!/usr/bin/env bash
# Reproduces the README's benchmark table: `scripts/bench.sh province|nation [postgres|sqlite]`.
# PostgreSQL runs in a throwaway cluster (PostgreSQL 15 from Debian, installed if missing) with the settings below,
# fsync on; SQLite writes to bench/<scale>.db. Builds Release, runs `jxladder bench --scale`, writes bench/<scale>-<db>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-province}
DB=${2:-postgres}
shift $(( $# > 2 ? 2 : $# ))
mkdir -p bench
dotnet build src/JxEnterpriseLadder.Cli -c Release -v q -nologo >/dev/null
CLI=(dotnet src/JxEnterpriseLadder.Cli/bin/Release/net10.0/jxladder.dll)

if [ "$DB" = sqlite ]; then
  exec "${CLI[@]}" bench --scale "$SCALE" --db "sqlite:bench/$SCALE.db" --fresh --json "bench/$SCALE-sqlite.json" "$@"
fi

if ! command -v initdb >/dev/null 2>&1 && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /usr/lib/postgresql/15/bin/initdb)")
PGDIR=$(mktemp -d /tmp/jxladder-bench-pg.XXXXXX)
PGPORT=${JXLADDER_BENCH_PG_PORT:-55433}
RUNAS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; RUNAS=(runuser -u postgres --); fi
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A modest server on the same 2 cores as the CLI: a quarter of memory for buffers, room for a big load's WAL.
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w start -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 \
  -c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min \
  -c effective_cache_size=12GB -c random_page_cost=1.1" >/dev/null
trap '"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
"${CLI[@]}" bench --scale "$SCALE" --db "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres" --fresh --json "bench/$SCALE-postgres.json" "$@"
