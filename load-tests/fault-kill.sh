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
psql_admin=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
rm -rf "$work"; mkdir -p "$work"

bash "$root/.ci/external-servers.sh"
if ! ls "$root"/target/ocenka-*.jar >/dev/null 2>&1; then (cd "$root" && ./mvnw -q -B -DskipTests package); fi
jar="$(ls "$root"/target/ocenka-*.jar | grep -v original | head -n 1)"

"${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
"${psql_admin[@]}" -d postgres -c "CREATE DATABASE $database"
redis-cli -n "$redis_db" FLUSHDB >/dev/null

app_pid=""
start_app() {
  java -Xms512m -Xmx512m -jar "$jar" --server.port="$port" --management.server.port=$(( port + 1 )) \
    --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$database" --spring.r2dbc.username=postgres \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 --spring.data.redis.database="$redis_db" \
    --ocenka.demo.load=auto --ocenka.demo.questionnaires=10000 --ocenka.demo.citizens=2001 \
    --ocenka.rating.reconcile-interval=15s --ocenka.security.write-limit.per-address=1000000000 \
    >> "$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  echo "the portal did not get ready; see $work/app.log" >&2; exit 1
}
trap '[ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true' EXIT

echo "== starting the portal"
start_app
"${psql_admin[@]}" -d "$database" <<SQL
WITH new_users AS (
  INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
  SELECT 'fault' || g || '@load.test', '{noop}fault-' || g || '-secret', 'Сбой ' || g, now(), now() - interval '30 days'
  FROM generate_series(1, $citizens) g RETURNING id)
INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM new_users;
SQL
"${psql_admin[@]}" -d "$database" -c "SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT 200" > "$work/organizations"

rate_one() { # rate_one N: citizen N rates, trying again (as a person would) while the portal is down or busy
  local n="$1" try status
  for try in $(seq 1 120); do
    status=$(attempt "$n")
    # 401: the session was lost (Redis came back empty), so a person logs in again.
    case "$status" in 000|401|502|503|504) sleep 0.5 ;; *) break ;; esac
  done
  echo "$n $status $try"
}
attempt() { # attempt N: citizen N logs in and rates one organisation; prints the rating's status (000: no answer)
  local n="$1" jar="$work/cookies.$1" org token status
  org=$(sed -n "$(( n % 200 + 1 ))p" "$work/organizations")
  status=000
  if curl -s -m 10 -c "$jar" -b "$jar" -o /dev/null "http://127.0.0.1:$port/api/v1/auth/csrf"; then
    token=$(awk '$6 == "XSRF-TOKEN" {print $7}' "$jar")
    if [ -n "$token" ] && curl -s -m 10 -c "$jar" -b "$jar" -o /dev/null -H "X-XSRF-TOKEN: $token" \
         -H 'Content-Type: application/json' \
         -d "{\"email\":\"fault$n@load.test\",\"password\":\"fault-$n-secret\"}" "http://127.0.0.1:$port/api/v1/auth/login"; then
      status=$(curl -s -m 10 -b "$jar" -o /dev/null -w '%{http_code}' -H "X-XSRF-TOKEN: $token" \
        -H 'Content-Type: application/json' \
        -d '{"scores":{"SIMPLICITY":4,"INFORMATION":5,"TIMELINESS":3,"POLITENESS":5,"OVERALL":4}}' \
        "http://127.0.0.1:$port/api/v1/organizations/$org/ratings") || status=000
    fi
  fi
  rm -f "$jar"
  echo "$status"
}
export -f rate_one attempt; export work port

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

accepted=$(awk '$2 == 201' "$work/statuses" | wc -l)
refused=$(awk '$2 != 201' "$work/statuses" | wc -l)
rows=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM questionnaire q JOIN app_user u ON u.id = q.user_id WHERE u.email LIKE 'fault%@load.test'")
missing=$(awk '$2 == 201 {print $1}' "$work/statuses" | sort > "$work/accepted"; \
  "${psql_admin[@]}" -d "$database" -c "SELECT substring(u.email from 'fault([0-9]+)@') FROM questionnaire q JOIN app_user u ON u.id = q.user_id WHERE u.email LIKE 'fault%@load.test'" \
  | sort > "$work/stored"; comm -23 "$work/accepted" "$work/stored" | wc -l)
doubles=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM (SELECT user_id, organization_id, local_date FROM questionnaire GROUP BY 1, 2, 3 HAVING count(*) > 1) d")

echo "== comparing the aggregates with PostgreSQL (a drift is repaired at the next reconcile: 15 s here)"
totals() {
  pg_total=$("${psql_admin[@]}" -d "$database" -c "SELECT coalesce(sum(questionnaires), 0) FROM org_day")
  redis_total=$(redis-cli -n "$redis_db" --scan --pattern 'agg:[0-9]*' | while read -r key; do redis-cli -n "$redis_db" HGET "$key" n; done | awk '{s += $1} END {print s + 0}')
}
for _ in $(seq 1 12); do
  totals
  [ "$pg_total" = "$redis_total" ] && break
  sleep 5
done
drift=$(grep -c 'Aggregates differ from PostgreSQL' "$work/app.log" || true)

echo
echo "answers 201:                 $accepted"
echo "other answers:               $refused (statuses: $(awk '$2 != 201 {print $2}' "$work/statuses" | sort | uniq -c | tr -s ' ' | tr '\n' ',' ))"
echo "citizens who had to retry:   $(awk '$3 > 1' "$work/statuses" | wc -l) (at most $(awk 'BEGIN {m = 0} $3 > m {m = $3} END {print m}' "$work/statuses") tries)"
echo "rows of these citizens:      $rows"
echo "201s without a row:          $missing"
echo "citizen-days with two rows:  $doubles"
echo "questionnaires, PostgreSQL:  $pg_total"
echo "questionnaires, Redis:       $redis_total"
echo "drift repairs logged:        $drift"
status=0
[ "$missing" = 0 ] || status=1
[ "$doubles" = 0 ] || status=1
[ "$pg_total" = "$redis_total" ] || status=1
exit "$status"
