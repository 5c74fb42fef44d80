#!/usr/bin/env bash
# Many instances: two portal instances behind HAProxy on this machine, citizens rating and live subscribers listening
# through the balancer, one instance killed with kill -9 in the middle (and started again).
#
#   load-tests/kill-one-instance.sh [--citizens N] [--parallel P] [--kill-after S] [--kill 1|2] [--no-restart]
#                                   [--organizations K] [--per-organization M]
#
# Starts two instances of the built jar in the external mode against this machine's PostgreSQL (a fresh database
# `ocenka_scale`) and Redis (database 9), the first with a small demo history, as src/ops/haproxy/haproxy-local.cfg
# expects them (public ports 18080 and 18081, management ports 18181 and 18182, HAProxy's X-Forwarded-For believed),
# and HAProxy (Debian's package, installed when missing) with that file on 127.0.0.1:8088. Then, all through 8088:
# K organisations (default 50) get M live subscribers each on their cabinet feed (an admin's session) and M on their
# public score stream (default 2 + 2); they come back after a lost stream as a browser does, with Last-Event-ID
# (load-tests/live-resume.py). N citizens (default 2000) log in and rate one of the K organisations each, P at a time
# (default 16, curl, trying again as a person would). After S seconds (default 15) instance 1 (--kill 2: instance 2) is
# killed with SIGKILL; the citizens and subscribers go on; the instance is started again (unless --no-restart).
#
# Checks, each failing the run (exit status 1): every 201 is a row in PostgreSQL; no citizen has two rows for one
# organisation and day; after a reconcile the aggregates in Redis count what PostgreSQL holds; every cabinet
# subscriber received every published questionnaire of its subtree exactly once, and every subscriber that lost its
# stream got it back. Printed besides: answers other than 201 and retries around the kill, when HAProxy marked the
# instance down and up again (its statistics, polled every 0.2 s), the subscribers dropped, reconnected, their
# reconnect times and the public stream's gaps (it does not replay: reported, not failed), and the run's duration.
# Loopback only; about three minutes; uses the ports of load-tests/run.sh, so never run the two at once.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
citizens=2000; parallel=16; kill_after=15; victim=1; restart=yes; organizations=50; per_organization=2
while [ $# -gt 0 ]; do
  case "$1" in
    --citizens) citizens="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    --kill) victim="$2"; shift 2 ;;
    --no-restart) restart=no; shift ;;
    --organizations) organizations="$2"; shift 2 ;;
    --per-organization) per_organization="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$victim" in 1|2) ;; *) echo "--kill takes 1 or 2" >&2; exit 2 ;; esac
database=ocenka_scale
redis_db=9
balancer=http://127.0.0.1:8088
declare -A port=([1]=18080 [2]=18081) management=([1]=18181 [2]=18182) pid=([1]="" [2]="")
work="$here/target/kill-one-instance"
rm -rf "$work"; mkdir -p "$work"
# shellcheck source=lib/portal.sh
. "$here/lib/portal.sh"
began=$(date +%s)

ports_free 18080 18081 18181 18182 8088 8404 || exit 2
haproxy_installed
portal_jar
fresh_stores "$database" "$redis_db"

haproxy_pid=""; poller=""; client=""; raters=""
stop_all() {
  # The citizens' xargs and the citizens it runs, the subscribers, the poller (each by its own id).
  [ -n "$raters" ] && { pkill -P "$raters" 2>/dev/null; kill "$raters" 2>/dev/null; } || true
  for p in $client $poller; do kill "$p" 2>/dev/null || true; done
  for i in 1 2; do [ -n "${pid[$i]}" ] && kill -9 "${pid[$i]}" 2>/dev/null || true; done
  [ -n "$haproxy_pid" ] && kill "$haproxy_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT

# start_instance I [OPTION...]: instance I as haproxy-local.cfg expects it.
export OCENKA_TRUSTED_PROXIES=127.0.0.1
start_instance() {
  local i="$1"; shift
  start_portal "$database" "$redis_db" "${port[$i]}" "${management[$i]}" "$work/app-$i.log" \
    --ocenka.public-base-url=http://localhost:8088 --ocenka.rating.reconcile-interval=15s \
    --ocenka.live.max-streams-per-address=1000000 "$@"
  pid[$i]=$portal_pid
}
echo "== instance 1 (loads a small demo history), then instance 2"
start_instance 1 --ocenka.demo.load=auto --ocenka.demo.questionnaires=10000 --ocenka.demo.citizens=2001
wait_ready "${port[1]}" "${pid[1]}" "$work/app-1.log" 180
start_instance 2 --ocenka.demo.load=never
wait_ready "${port[2]}" "${pid[2]}" "$work/app-2.log" 120

echo "== HAProxy $(haproxy -v | head -n 1 | awk '{print $3}') with src/ops/haproxy/haproxy-local.cfg on 127.0.0.1:8088"
start_haproxy "$work/haproxy.log"

echo "== $citizens citizens, $organizations organisations with $per_organization cabinet and $per_organization public subscribers each"
create_citizens "$database" scale "$citizens"
"${psql_admin[@]}" -d "$database" -c "SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT $organizations" > "$work/organizations"
# One admin per organisation ({noop} password), logged in through the balancer: its session serves both instances.
"${psql_admin[@]}" -d "$database" <<SQL
WITH orgs AS (SELECT id, row_number() OVER (ORDER BY id) AS g FROM organization WHERE status = 'ACTIVE' ORDER BY id LIMIT $organizations),
new_users AS (
  INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
  SELECT 'liveadmin' || g || '@load.test', '{noop}liveadmin-' || g || '-secret', 'Администратор ' || g, now(), now() - interval '30 days'
  FROM orgs RETURNING id, email)
INSERT INTO user_role (user_id, role, organization_id)
SELECT u.id, 'ORG_ADMIN', o.id FROM new_users u JOIN orgs o ON u.email = 'liveadmin' || o.g || '@load.test';
SQL
: > "$work/subscribers"
g=0
while read -r org; do
  g=$(( g + 1 )); jar_file="$work/admin.cookies"; rm -f "$jar_file"
  curl -fs -c "$jar_file" -b "$jar_file" -o /dev/null "$balancer/api/v1/auth/csrf"
  token=$(awk '$6 == "XSRF-TOKEN" {print $7}' "$jar_file")
  curl -fs -c "$jar_file" -b "$jar_file" -o /dev/null -H "X-XSRF-TOKEN: $token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"liveadmin$g@load.test\",\"password\":\"liveadmin-$g-secret\"}" "$balancer/api/v1/auth/login"
  session=$(awk '$6 == "SESSION" {print $7}' "$jar_file")
  [ -n "$session" ] || { echo "admin $g could not log in" >&2; exit 1; }
  for _ in $(seq 1 "$per_organization"); do
    echo "cabinet $org $session" >> "$work/subscribers"
    echo "public $org -" >> "$work/subscribers"
  done
done < "$work/organizations"
# Shuffled: HAProxy gives each new stream to the instance with fewer, so an ordered list would put every cabinet
# stream on one instance and every public one on the other.
shuf "$work/subscribers" -o "$work/subscribers"
after=$("${psql_admin[@]}" -d "$database" -c "SELECT coalesce(max(id), 0) FROM questionnaire")

echo "== $(wc -l < "$work/subscribers") live subscribers through the balancer"
python3 "$here/live-resume.py" run --base "$balancer" --subscribers "$work/subscribers" --out "$work/live.json" \
  --stop-file "$work/live.stop" --max-seconds 900 > "$work/live.log" 2>&1 &
client=$!
for _ in $(seq 1 120); do [ -f "$work/live.json.ready" ] && break; sleep 0.5; done
[ -f "$work/live.json.ready" ] || { echo "the subscribers did not all get their streams; see $work/live.log" >&2; exit 1; }
# Where HAProxy put them (its live backend: least connections first).
read -r live1 live2 < <(curl -fs "$haproxy_stats" | awk -F, '$1 == "app_live" && $2 == "app-1" {a = $5} $1 == "app_live" && $2 == "app-2" {b = $5} END {print a + 0, b + 0}')
echo "   open streams: instance 1 $live1, instance 2 $live2"

# HAProxy's view, every 0.2 s: "epoch app-1 app-2".
( while true; do echo "$(date +%s.%N) $(server_states)"; sleep 0.2; done ) > "$work/states" &
poller=$!

echo "== citizens rating through the balancer, $parallel at a time; kill -9 of instance $victim after $kill_after s"
export RATE_BASE="$balancer" RATE_PREFIX=scale RATE_WORK="$work" RATE_ORGS="$work/organizations"
: > "$work/attempts"
started=$(date +%s.%N)
seq 1 "$citizens" | xargs -P "$parallel" -I{} bash -c 'rate_one {}' > "$work/statuses" &
raters=$!
sleep "$kill_after"
done_before=$(wc -l < "$work/statuses")
killed=$(date +%s.%N)
kill -9 "${pid[$victim]}"
echo "   instance $victim killed (SIGKILL) after $done_before citizens"
if [ "$restart" = yes ]; then
  start_instance "$victim" --ocenka.demo.load=never
  wait_ready "${port[$victim]}" "${pid[$victim]}" "$work/app-$victim.log" 120
  ready_again=$(date +%s.%N)
  echo "   instance $victim ready again $(awk -v a="$killed" -v b="$ready_again" 'BEGIN {printf "%.1f", b - a}') s after the kill"
fi
wait "$raters"; raters=""
finished=$(date +%s.%N)
echo "   all citizens done in $(awk -v a="$started" -v b="$finished" 'BEGIN {printf "%.0f", b - a}') s"
# The last events reach the subscribers; then they close.
sleep 5
touch "$work/live.stop"
wait "$client" || true; client=""
kill "$poller" 2>/dev/null || true; poller=""

status=0
echo "== ratings"
check_ratings "$database" "$redis_db" scale "$work/statuses" "$work"/app-*.log || status=1

echo
echo "== around the kill (t = 0 at the kill)"
awk -v k="$killed" '$3 != 201 {t = $1 - k; n++; if (n == 1 || t < lo) lo = t; if (n == 1 || t > hi) hi = t; s[$3]++}
  END {if (!n) {print "attempts that were not 201: none"; exit}
       printf "attempts that were not 201: %d, from t = %.1f s to t = %.1f s (statuses:", n, lo, hi
       for (c in s) printf " %d x %s", s[c], c; print ")"}' "$work/attempts"
victim_server="app-$victim"
column=$(( victim + 1 ))
awk -v k="$killed" -v c="$column" -v name="$victim_server" '
  $1 > k && $c != "UP" && !failed {printf "HAProxy: first failed check of %s (%s) at t = %.2f s\n", name, $c, $1 - k; failed = 1}
  $1 > k && $c == "DOWN" && !down {printf "HAProxy: %s marked DOWN at t = %.2f s\n", name, $1 - k; down = 1}
  down && $c == "UP" && !up {printf "HAProxy: %s UP again at t = %.2f s\n", name, $1 - k; up = 1}' "$work/states"
grep -E "^Server app/$victim_server is (DOWN|UP)" "$work/haproxy.log" | cut -c1-150 | sed 's/^/   haproxy: /' || true
# HAProxy's request log (raw): client [date] frontend backend/server timers status ...
echo "answers 5xx in HAProxy's log: $(awk '$2 ~ /^\[/ && $6 ~ /^5/' "$work/haproxy.log" | wc -l) ($(awk '$2 ~ /^\[/ && $6 ~ /^5/ {print $4, $6}' "$work/haproxy.log" | sort | uniq -c | tr -s ' ' | tr '\n' ','))"

echo
echo "== live subscribers (load-tests/live-resume.py)"
python3 "$here/live-resume.py" check --results "$work/live.json" --database "$database" --after "$after" \
  --kill-at "$killed" || status=1

echo
echo "run: $(( $(date +%s) - began )) s in all; instance logs $work/app-1.log, app-2.log; HAProxy's $work/haproxy.log"
[ "$status" = 0 ] && echo "PASSED" || echo "FAILED"
exit "$status"
