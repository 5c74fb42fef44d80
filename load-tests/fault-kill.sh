#!/usr/bin/env bash
# A fault run: citizens rate while the portal is killed with kill -9 and started again (or Redis, or PostgreSQL,
# is stopped and started again: --fault redis | postgres).
#
#   load-tests/fault-kill.sh [--fault portal|redis|postgres] [--citizens N] [--parallel P] [--kill-after S]
#
# Starts the built portal against this machine's PostgreSQL (a fresh database `ocenka_fault`) and Redis (database 8)
# with a small demo history and a 15 s reconcile interval; N citizens (default 3000) each log in and rate one
# organisation, P at a time (default 16, with curl); after S seconds (default 8) the portal is killed with SIGKILL
# and started again at once, and the citizens go on. Then it prints: how many answers were 201, how many rows the
# citizens have in PostgreSQL (every 201 must be one; a rating whose answer never came may be one too), whether any
# citizen has two rows for one day, and, after a reconcile, whether the running aggregates in Redis equal a
# recomputation from PostgreSQL. Exit status non-zero when a 201 is missing or the aggregates differ.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
citizens=3000; parallel=16; kill_after=8; fault=portal
while [ $# -gt 0 ]; do
  case "$1" in
    --fault) fault="$2"; shift 2 ;;
    --citizens) citizens="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
port="${OCENKA_FAULT_PORT:-18090}"
database=ocenka_fault
redis_db=8
work="$here/target/fault-kill"
rm -rf "$work"; mkdir -p "$work"
# shellcheck source=lib/portal.sh
. "$here/lib/portal.sh"

portal_jar
fresh_stores "$database" "$redis_db"

app_pid=""
start_app() {
  start_portal "$database" "$redis_db" "$port" $(( port + 1 )) "$work/app.log" \
    --ocenka.demo.load=auto --ocenka.demo.questionnaires=10000 --ocenka.demo.citizens=2001 \
    --ocenka.rating.reconcile-interval=15s
  app_pid=$portal_pid
  wait_ready "$port" "$app_pid" "$work/app.log" 60 || exit 1
}
trap '[ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true' EXIT

echo "== starting the portal"
start_app
create_citizens "$database" fault "$citizens"
"${psql_admin[@]}" -d "$database" -c "SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 200" > "$work/organizations"
export RATE_BASE="http://127.0.0.1:$port" RATE_PREFIX=fault RATE_WORK="$work" RATE_ORGS="$work/organizations"

echo "== $citizens citizens rating, $parallel at a time; kill -9 after $kill_after s"
started=$(date +%s)
seq 1 "$citizens" | xargs -P "$parallel" -I{} bash -c 'rate_one {}' > "$work/statuses" &
raters=$!
sleep "$kill_after"
done_before=$(wc -l < "$work/statuses")
killed=$(date +%s.%N)
case "$fault" in
  portal)
    kill -9 "$app_pid"
    echo "   portal killed (SIGKILL) after $done_before citizens"
    start_app ;;
  redis)
    # The machine's Redis keeps nothing on disk here: it comes back empty (aggregates, limits, sessions gone).
    redis-cli SHUTDOWN NOSAVE >/dev/null 2>&1 || true
    echo "   Redis stopped after $done_before citizens"
    sleep 3
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.25; done ;;
  postgres)
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main stop -m fast
    echo "   PostgreSQL stopped after $done_before citizens"
    sleep 3
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.25; done ;;
  *) echo "unknown fault $fault" >&2; exit 2 ;;
esac
back=$(date +%s.%N)
echo "   ready again $(awk -v a="$killed" -v b="$back" 'BEGIN { printf "%.1f", b - a }') s after the fault"
wait "$raters"
echo "   all citizens done in $(( $(date +%s) - started )) s"

status=0
check_ratings "$database" "$redis_db" fault "$work/statuses" "$work/app.log" || status=1
exit "$status"
