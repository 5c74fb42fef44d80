#!/usr/bin/env bash
# The capacity model's figures (docs/SCALING.md): rating submissions per second of one instance and of two behind
# HAProxy on this machine, and what one rating costs each part: CPU of the instances, PostgreSQL, Redis and HAProxy,
# PostgreSQL's transactions, rows and WAL, Redis's commands and bytes.
#
#   load-tests/capacity.sh [--duration S] [--warmup S] [--connections N] [--kept K]
#
# Starts two instances of the built jar (1 GiB heap, ParallelGC, as ceiling.sh) on this machine's PostgreSQL (a fresh
# database `ocenka_capacity`, a 10,000-questionnaire demo history) and Redis (database 10), and HAProxy with
# src/ops/haproxy/haproxy-local.cfg. wrk (Debian's package) sends logged-in submissions (load-tests/wrk/rate.lua:
# never the same citizen and organisation twice), after a JIT warm-up of both instances (--warmup, default 60 s), in
# four measured runs, each on citizens of its own: (a) straight to instance 1; (b) through HAProxy to both instances;
# (c) through HAProxy with instance 2 stopped; (d) straight to instance 1 again, rating only K organisations (default
# 1,999) whose pages it keeps rendered, 64 ratings of one after another; (e) the same, each rating another organisation.
# Around each measured run it reads pg_stat_database (this database), pg_stat_wal and pg_current_wal_lsn() (the
# whole server), Redis's INFO commandstats and stats (the whole server) and the CPU time of every process, and prints
# them per accepted rating, then a Markdown table. Every 201 must be a row (checked). On two cores, two instances
# share the cores that one had: (b) against (a) shows the balancer's and the second JVM's overhead, not scale-out.
# PORTAL_JVM: the instances' JVM options instead. Not in CI: about six minutes and all of the machine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
duration=20; warmup=60; connections=64; threads=2; kept=1999
while [ $# -gt 0 ]; do
  case "$1" in
    --kept) kept="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
database=ocenka_capacity
redis_db=10
work="$here/target/capacity"
rm -rf "$work"; mkdir -p "$work"
# shellcheck source=lib/portal.sh
. "$here/lib/portal.sh"
export PORTAL_JVM="${PORTAL_JVM:--Xms1g -Xmx1g -XX:+UseParallelGC}" WRK_DIR="$here/wrk" THREADS="$threads"
ulimit -n 65536 2>/dev/null || true

ports_free 18080 18081 18181 18182 8088 8404 || exit 2
haproxy_installed
portal_jar
fresh_stores "$database" "$redis_db"

declare -A port=([1]=18080 [2]=18081) management=([1]=18181 [2]=18182) pid=([1]="" [2]="")
haproxy_pid=""
stop_all() {
  for i in 1 2; do [ -n "${pid[$i]}" ] && kill "${pid[$i]}" 2>/dev/null || true; done
  [ -n "$haproxy_pid" ] && kill "$haproxy_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT
export OCENKA_TRUSTED_PROXIES=127.0.0.1
for i in 1 2; do
  [ "$i" = 1 ] && demo=(--ocenka.demo.load=auto --ocenka.demo.questionnaires=10000) || demo=(--ocenka.demo.load=never)
  start_portal "$database" "$redis_db" "${port[$i]}" "${management[$i]}" "$work/app-$i.log" \
    --ocenka.security.write-limit.per-user=1000000000 --ocenka.public-base-url=http://localhost:8088 "${demo[@]}"
  pid[$i]=$portal_pid
  wait_ready "${port[$i]}" "${pid[$i]}" "$work/app-$i.log" 180
done
start_haproxy "$work/haproxy.log"
"${psql_admin[@]}" -d "$database" -c "VACUUM ANALYZE" -c "CHECKPOINT"

# Citizens logged in once each (sessions in Redis serve both instances), 64 per wrk run; the organisations at random.
runs=7; per_run=64
create_citizens "$database" capacity $(( runs * per_run ))
csrf=(-H "Cookie: XSRF-TOKEN=ceiling-csrf-token" -H "X-XSRF-TOKEN: ceiling-csrf-token")
for run in $(seq 1 "$runs"); do
  for g in $(seq $(( (run - 1) * per_run + 1 )) $(( run * per_run ))); do
    curl -fs -D - -o /dev/null "${csrf[@]}" -H 'Content-Type: application/json' \
      -d "{\"email\":\"capacity$g@load.test\",\"password\":\"capacity-$g-secret\"}" "http://127.0.0.1:8088/api/v1/auth/login" \
      | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: SESSION=\([^;]*\).*/\1/p'
  done > "$work/sessions-$run.txt"
  [ "$(wc -l < "$work/sessions-$run.txt")" = "$per_run" ] || { echo "not every citizen could log in" >&2; exit 1; }
done
"${psql_admin[@]}" -d "$database" -c "SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY random()" > "$work/organizations.txt"

hz=$(getconf CLK_TCK)
ticks_of() { # ticks_of PID...: utime + stime of these processes
  local total=0 p
  for p in "$@"; do [ -n "$p" ] && [ -r "/proc/$p/stat" ] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
  echo "$total"
}
# snapshot NAME: every counter the table uses, one "key value" a line, in $work/NAME.snap.
snapshot() {
  {
    "${psql_admin[@]}" -F ' ' -d "$database" -c "SELECT 'pg_xact', xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_inserted', tup_inserted FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_updated', tup_updated FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_fetched', tup_fetched FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_returned', tup_returned FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'pg_blocks_hit', blks_hit FROM pg_stat_database WHERE datname = current_database()
      UNION ALL SELECT 'wal_lsn_bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
      UNION ALL SELECT 'wal_records', wal_records FROM pg_stat_wal
      UNION ALL SELECT 'wal_fpi', wal_fpi FROM pg_stat_wal
      UNION ALL SELECT 'wal_syncs', wal_sync FROM pg_stat_wal
      UNION ALL SELECT 'rows', count(*) FROM questionnaire"
    redis-cli -h 127.0.0.1 INFO commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([^:]*\):calls=\([0-9]*\),usec=\([0-9]*\).*/redis_calls_\1 \2\nredis_usec_\1 \3/p'
    redis-cli -h 127.0.0.1 INFO stats | tr -d '\r' | awk -F: '$1 ~ /^(total_commands_processed|total_net_input_bytes|total_net_output_bytes)$/ {print "redis_" $1, $2}'
    echo "cpu_portal $(ticks_of "${pid[1]}" "${pid[2]}")"
    echo "cpu_portal_1 $(ticks_of "${pid[1]}")"
    echo "cpu_portal_2 $(ticks_of "${pid[2]}")"
    echo "cpu_postgres $(ticks_of $(pgrep -f '^(/usr/lib/postgresql/[^ ]*/bin/postgres|postgres: )' || true))"
    echo "cpu_redis $(ticks_of $(pgrep -x redis-server || true))"
    echo "cpu_haproxy $(ticks_of "$haproxy_pid")"
    echo "cpu_machine $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
    echo "clock $(date +%s.%N)"
  } > "$work/$1.snap"
}
# delta NAME KEY: after minus before
delta() { awk -v k="$2" 'FNR == NR && $1 == k {b = $2} FNR != NR && $1 == k {a = $2} END {printf "%.0f", a - b}' "$work/$1-before.snap" "$work/$1-after.snap"; }

declare -A rps accepted seconds
session_run=0
# measure NAME URL [ORGANIZATIONS [ORDER]]: a run of wrk against URL (ratings of the organisations in the file
# ORGANIZATIONS, by default all of them, in wrk/rate.lua's ORDER, by default runs), citizens of its own, with the
# counters around it.
measure() {
  local name="$1" url="$2" organizations="${3:-$work/organizations.txt}" order="${4:-runs}"
  session_run=$(( session_run + 1 ))
  sleep 2
  echo "== $name: ${duration} s (wrk -t$threads -c$connections)"
  snapshot "$name-before"
  SESSIONS="$work/sessions-$session_run.txt" ORGANIZATIONS="$organizations" ORDER="$order" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk/rate.lua" "$url" > "$work/$name.txt"
  sleep 1 # the last batches commit
  snapshot "$name-after"
  accepted[$name]=$(awk '/^status 201:/ {print $3}' "$work/$name.txt"); accepted[$name]=${accepted[$name]:-0}
  rps[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$work/$name.txt")
  seconds[$name]=$(awk 'FNR == NR && $1 == "clock" {b = $2} FNR != NR && $1 == "clock" {a = $2} END {printf "%.2f", a - b}' "$work/$name-before.snap" "$work/$name-after.snap")
  local rows; rows=$(delta "$name" rows)
  echo "   ${rps[$name]} requests/s; $(grep '^status' "$work/$name.txt" | tr '\n' ' '); p50 $(awk '$1 == "50%" {print $2}' "$work/$name.txt"), p99 $(awk '$1 == "99%" {print $2}' "$work/$name.txt"); $rows new rows"
  # wrk stops with requests in flight: committed, their answer never read (at most one per connection).
  if [ "$rows" -lt "${accepted[$name]}" ] || [ "$rows" -gt $(( ${accepted[$name]} + 2 * connections )) ]; then
    echo "LOST OR EXTRA RATINGS: ${accepted[$name]} answers 201, $rows rows" >&2; failed=1
  fi
}

failed=0
# The JIT takes a minute and more to settle on two cores: both instances are warmed up at once, each on its own.
echo "== warm-up: ${warmup} s on each instance, both at once"
warmers=()
for i in 1 2; do
  session_run=$(( session_run + 1 ))
  SESSIONS="$work/sessions-$session_run.txt" ORGANIZATIONS="$work/organizations.txt" THREADS=1 \
    wrk -t1 -c$(( connections / 2 )) -d"${warmup}s" -s "$here/wrk/rate.lua" "http://127.0.0.1:${port[$i]}" > "$work/warmup-$i.txt" &
  warmers+=("$!")
done
wait "${warmers[@]}"
measure one-instance "http://127.0.0.1:${port[1]}"
measure two-behind-haproxy "http://127.0.0.1:8088"
kill "${pid[2]}"; wait "${pid[2]}" 2>/dev/null || true; pid[2]=""
for _ in $(seq 1 40); do [ "$(server_states | awk '{print $2}')" = DOWN ] && break; sleep 0.5; done
measure one-behind-haproxy "http://127.0.0.1:8088"
# (d) What a rating costs an instance that keeps rendered pages of the rated organisations: every instance renders a
# kept page again when its organisation's figures change (web.cache.PublicReadCache, at most four times a second a page).
head -n "$kept" "$work/organizations.txt" > "$work/kept.txt"
echo "== keeping the pages of $kept organisations on instance 1 (GET /o/{id} once each)"
sed 's|^|url = "http://127.0.0.1:18080/o/|; s|$|"\noutput = /dev/null|' "$work/kept.txt" > "$work/kept.curl"
curl -s -K "$work/kept.curl"
measure pages-kept "http://127.0.0.1:${port[1]}" "$work/kept.txt"
# (e) The same pages, the ratings spread: consecutive ratings go to different organisations (wrk/rate.lua, ORDER=spread), so
# each is about one more render of its organisation's page, where (d)'s runs of 64 ratings of one organisation share one.
measure pages-kept-spread "http://127.0.0.1:${port[1]}" "$work/kept.txt" spread

per() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN {if (b > 0) printf "%.*f", d, a / b; else print "-"}'; }
commit=$(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet HEAD || echo "+changes")
echo
echo "## Capacity run $(date -u +%Y-%m-%d) at $commit (wrk -t$threads -c$connections, ${warmup} s warm-up, ${duration} s; JVM $PORTAL_JVM)"
echo
echo "| per accepted rating | (a) one instance, direct | (b) two behind HAProxy | (c) one behind HAProxy | (d) one, direct, $kept pages kept | (e) as (d), ratings spread |"
echo "|---|---|---|---|---|---|"
row() { # row TITLE EXPRESSION-FUNCTION
  printf '| %s |' "$1"
  for name in one-instance two-behind-haproxy one-behind-haproxy pages-kept pages-kept-spread; do printf ' %s |' "$("$2" "$name")"; done
  echo
}
f_rate() { per "${accepted[$1]}" "${seconds[$1]}" 0; }
f_cpu() { per "$(delta "$1" "$2")" "$(( ${accepted[$1]} * hz / 1000 ))" 2; } # ms per rating
f_cpu_portal() { f_cpu "$1" cpu_portal; }
f_cpu_portal_1() { f_cpu "$1" cpu_portal_1; }
f_cpu_portal_2() { f_cpu "$1" cpu_portal_2; }
f_cpu_pg() { f_cpu "$1" cpu_postgres; }
f_cpu_redis() { f_cpu "$1" cpu_redis; }
f_cpu_haproxy() { f_cpu "$1" cpu_haproxy; }
f_cpu_machine() { f_cpu "$1" cpu_machine; }
f_per_core() { per "${accepted[$1]}" "$(per "$(delta "$1" cpu_portal)" "$hz" 4)" 0; }
f_xact() { per "$(delta "$1" pg_xact)" "${accepted[$1]}" 3; }
f_inserted() { per "$(delta "$1" pg_inserted)" "${accepted[$1]}" 2; }
f_updated() { per "$(delta "$1" pg_updated)" "${accepted[$1]}" 2; }
f_fetched() { per "$(delta "$1" pg_fetched)" "${accepted[$1]}" 1; }
f_wal() { per "$(delta "$1" wal_lsn_bytes)" "${accepted[$1]}" 0; }
f_wal_records() { per "$(delta "$1" wal_records)" "${accepted[$1]}" 1; }
f_wal_fpi() { per "$(delta "$1" wal_fpi)" "${accepted[$1]}" 2; }
f_syncs() { per "$(delta "$1" wal_syncs)" "${accepted[$1]}" 3; }
f_redis_cmds() { per "$(delta "$1" redis_total_commands_processed)" "${accepted[$1]}" 1; }
f_redis_in() { per "$(delta "$1" redis_total_net_input_bytes)" "${accepted[$1]}" 0; }
f_redis_out() { per "$(delta "$1" redis_total_net_output_bytes)" "${accepted[$1]}" 0; }
f_redis_usec() {
  local total=0 k
  for k in $(awk '$1 ~ /^redis_usec_/ {print $1}' "$work/$1-after.snap"); do total=$(( total + $(delta "$1" "$k") )); done
  per "$total" "${accepted[$1]}" 0
}
f_redis_top() { # the commands of a rating, by calls per rating
  local k out=""
  for k in $(awk '$1 ~ /^redis_calls_/ {print $1}' "$work/$1-after.snap"); do
    local n; n=$(delta "$1" "$k")
    [ "$n" -gt "$(( ${accepted[$1]} / 20 ))" ] && out="$out ${k#redis_calls_} $(per "$n" "${accepted[$1]}" 2),"
  done
  echo "${out%,}"
}
row "accepted ratings/s" f_rate
row "accepted ratings/s per core of portal CPU" f_per_core
row "portal CPU, ms (both instances)" f_cpu_portal
row "instance 1 CPU, ms" f_cpu_portal_1
row "instance 2 CPU, ms (it only hears the events in the direct runs)" f_cpu_portal_2
row "PostgreSQL CPU, ms" f_cpu_pg
row "Redis CPU, ms" f_cpu_redis
row "HAProxy CPU, ms" f_cpu_haproxy
row "the whole machine's CPU, ms (wrk included)" f_cpu_machine
row "PostgreSQL transactions" f_xact
row "PostgreSQL rows inserted" f_inserted
row "PostgreSQL rows updated" f_updated
row "PostgreSQL rows fetched by index" f_fetched
row "WAL bytes" f_wal
row "WAL records" f_wal_records
row "WAL full-page images" f_wal_fpi
row "WAL fsyncs" f_syncs
row "Redis commands (Lua scripts' inner calls included)" f_redis_cmds
row "Redis command time, µs" f_redis_usec
row "Redis bytes in" f_redis_in
row "Redis bytes out" f_redis_out
row "Redis calls per rating, by command" f_redis_top
echo
echo "(answers 201: ${accepted[one-instance]}, ${accepted[two-behind-haproxy]}, ${accepted[one-behind-haproxy]}, ${accepted[pages-kept]} and ${accepted[pages-kept-spread]} in ${seconds[one-instance]}, ${seconds[two-behind-haproxy]}, ${seconds[one-behind-haproxy]}, ${seconds[pages-kept]} and ${seconds[pages-kept-spread]} s; WAL and Redis counters are the whole servers')"
exit "$failed"
