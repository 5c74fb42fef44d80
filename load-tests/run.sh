#!/usr/bin/env bash
# Runs one Gatling suite against a freshly started portal, and prints what it measured.
#
#   load-tests/run.sh SIMULATION[,SIMULATION...] [--rate N] [--duration S] [--ramp S] [--heap SIZE] [--warmup S]
#                     [--demo-questionnaires N] [--skip-build] [-Dname=value ...]
#
# SIMULATION: Baseline, RatingSubmissionSpike, LiveSubscribers, PublicBrowse, CitizenQrPeak (the mailed code) or
# CitizenLoginPeak (the password); several, comma
# separated, run one after the other against the same portal (Baseline first makes the others' ratio).
# It builds the portal, starts it against this machine's PostgreSQL (127.0.0.1:5432, a fresh database
# `ocenka_load`) and Redis (127.0.0.1:6379, database 7) with the demo data set, creates the load-test citizens,
# warms the JVM up with a short run of the same suite, runs the suite, stops the portal and prints throughput,
# p50/p95/p99, errors, the CPU each process used, and where Gatling's HTML report is. For the rating suites it
# also checks that every 201 is a row in PostgreSQL. Exit status: non-zero when an assertion or a check failed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
simulations="${1:?usage: run.sh SIMULATION[,SIMULATION...] [--rate N] [--duration S] [--ramp S] [--heap SIZE] [--warmup S] [-Dk=v ...]}"
shift
rate=200; duration=30; ramp=10; heap=1g; warmup=30; questionnaires=520000; build=yes; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --ramp) ramp="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --demo-questionnaires) questionnaires="$2"; shift 2 ;;
    --skip-build) build=no; shift ;;
    -D*) extra+=("$1"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

port="${OCENKA_LOAD_PORT:-18080}"
database=ocenka_load
redis_db=7
work="$here/target/load-data"
psql_admin=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
rm -rf "$work"
mkdir -p "$work"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

echo "== servers"
bash "$root/.ci/external-servers.sh"

if [ "$build" = yes ] || ! ls "$root"/target/ocenka-*.jar >/dev/null 2>&1; then
  echo "== building the portal"
  (cd "$root" && ./mvnw -q -B -DskipTests package)
fi
jar="$(ls "$root"/target/ocenka-*.jar | grep -v original | head -n 1)"

echo "== fresh database $database and Redis database $redis_db"
"${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
"${psql_admin[@]}" -d postgres -c "CREATE DATABASE $database"
redis-cli -h 127.0.0.1 -p 6379 -n "$redis_db" FLUSHDB >/dev/null

app_pid=""
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$app_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$app_pid" 2>/dev/null || true
  fi
}
trap stop_app EXIT

echo "== starting the portal on port $port (heap $heap)"
# Limits per client lifted (every virtual user is one client here). CitizenQrPeak: loopback is the trusted proxy, so
# each citizen's X-Forwarded-For is its own client, and the captured mail (/dev/mail, loopback only) gives the codes.
# shellcheck disable=SC2086 # OCENKA_LOAD_JAVA_OPTS: extra JVM options, e.g. a JFR recording
java -Xms"$heap" -Xmx"$heap" -XX:+UseParallelGC ${OCENKA_LOAD_JAVA_OPTS:-} -jar "$jar" \
  --server.port="$port" \
  --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$database" --spring.r2dbc.username=postgres \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 --spring.data.redis.database="$redis_db" \
  --management.server.port=$(( port + 1 )) \
  --ocenka.demo.load=auto --ocenka.demo.questionnaires="$questionnaires" --ocenka.demo.citizens=$(( questionnaires / 5 + 1 )) \
  --ocenka.public-base-url="http://localhost:$port" \
  --ocenka.security.write-limit.per-address=1000000000 --ocenka.web.public-cache-size=256MB \
  --ocenka.live.max-streams-per-address=1000000 \
  --ocenka.security.trusted-proxies=127.0.0.1 --ocenka.dev-mail.enabled=true \
  > "$here/target/app.log" 2>&1 &
app_pid=$!
for i in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "the portal stopped; see $here/target/app.log" >&2; exit 1; fi
  sleep 1
  [ "$i" = 300 ] && { echo "the portal was not ready in 300 s" >&2; exit 1; }
done
echo "ready after ${i} s (demo data loaded)"

# Citizens: confirmed accounts with a {noop} password, so that a login costs a session, not a BCrypt hash (the
# load is on the rating path; BCrypt's cost per login is a separate, known figure). Enough for every virtual user.
count=$(echo "$simulations" | tr ',' '\n' | wc -l)
citizens=$(( ((rate + 10) * (duration + ramp + 10) + (rate / 5 + 10) * (warmup + 15)) * count ))
[ "$citizens" -lt 20000 ] && citizens=20000
echo "== creating $citizens load-test citizens"
"${psql_admin[@]}" -d "$database" <<SQL
WITH new_users AS (
  INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
  SELECT 'load' || g || '@load.test', '{noop}load-' || g || '-secret', 'Нагрузка ' || g, now(), now() - interval '30 days'
  FROM generate_series(1, $citizens) g RETURNING id)
INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM new_users;
SQL
# Organisations by popularity in the demo history: the busy ones first, then the rest.
{ echo "id"; "${psql_admin[@]}" -d "$database" -c "
  SELECT o.id FROM organization o LEFT JOIN questionnaire q ON q.organization_id = o.id
  WHERE o.status = 'ACTIVE' GROUP BY o.id ORDER BY count(q.id) DESC, o.id"; } > "$work/organizations.csv"

# Each run gets citizens of its own (a citizen rates an organisation once a day): data folders with a slice each.
next_citizen=1
data_for() { # data_for NAME COUNT: data_dir, a folder with COUNT unused citizens and the organisations
  local dir="$work/$1" last=$(( next_citizen + $2 - 1 ))
  [ "$last" -gt "$citizens" ] && { echo "not enough load-test citizens (want $last of $citizens)" >&2; exit 1; }
  mkdir -p "$dir"
  { echo "email,password"; seq "$next_citizen" "$last" | awk '{print "load"$1"@load.test,load-"$1"-secret"}'; } > "$dir/citizens.csv"
  cp "$work/organizations.csv" "$dir/organizations.csv"
  next_citizen=$(( last + 1 ))
  data_dir="$dir"
}

gatling() {
  local data="$1"; shift
  (cd "$here" && ./mvnw -q -B gatling:test -Dgatling.simulationClass="by.ocenka.load.$simulation" \
     -DbaseUrl="http://127.0.0.1:$port" -Ddata="$data" "$@" "${extra[@]}")
}

(cd "$here" && ./mvnw -q -B test-compile)
overall=0
run_one() {
  local status=0
  if [ "$warmup" -gt 0 ]; then
    echo "== warming up: $simulation at a fifth of the rate for $warmup s"
    data_for "$simulation-warmup" $(( (rate / 5 + 10) * (warmup + 15) ))
    gatling "$data_dir" -Drate="$(( rate / 5 > 1 ? rate / 5 : 1 ))" -Dduration="$warmup" -Dramp=5 \
       -Dsubscribers=500 -Dp99=100000 -DsubmitP99=100000 > "$here/target/warmup.log" 2>&1 \
       || echo "(the warm-up's assertions failed; it only warms up, see target/warmup.log)"
  fi

  rows_before=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM questionnaire")
  cpu_ticks() { # total utime+stime of the processes whose command line matches $1
    local total=0 pid
    for pid in $(pgrep -f "$1" || true); do
      [ -r "/proc/$pid/stat" ] || continue
      total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
    done
    echo "$total"
  }
  declare -A pattern=([app]="java .*ocenka-[^ ]*\\.jar" [postgres]="^(/usr/lib/postgresql/[^ ]*/bin/postgres|postgres: )" [redis]="^redis-server")
  declare -A before
  machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
  for who in app postgres redis; do before[$who]=$(cpu_ticks "${pattern[$who]}"); done
  before[machine]=$(machine_ticks)
  started=$(date +%s)

  echo "== $simulation: rate $rate, ramp $ramp s, $duration s at the peak ${extra[*]:-}"
  status=0
  data_for "$simulation" $(( (rate + 10) * (duration + ramp + 10) ))
  run_data="$data_dir"
  rm -f "$run_data/live-latency.txt"
  gatling "$run_data" -Drate="$rate" -Dduration="$duration" -Dramp="$ramp" 2>&1 | tee "$here/target/gatling.log" || status=1

  elapsed=$(( $(date +%s) - started ))
  hz=$(getconf CLK_TCK)
  echo
  echo "== CPU over the run ($elapsed s wall; 2 cores = $(( 2 * elapsed )) core-seconds):"
  rest=$(( $(machine_ticks) - ${before[machine]} ))
  for who in app postgres redis; do
    used=$(( $(cpu_ticks "${pattern[$who]}") - ${before[$who]} ))
    rest=$(( rest - used ))
    awk -v who="$who" -v used="$used" -v hz="$hz" -v t="$elapsed" \
      'BEGIN { printf "   %-9s %7.1f core-s  (%4.0f %% of one core)\n", who, used / hz, 100 * used / hz / (t > 0 ? t : 1) }'
  done
  awk -v used="$rest" -v hz="$hz" -v t="$elapsed" \
    'BEGIN { printf "   %-9s %7.1f core-s  (%4.0f %% of one core)\n", "Gatling+", used / hz, 100 * used / hz / (t > 0 ? t : 1) }'
  echo "   (Gatling+: everything else on the machine, mostly Gatling's JVM and its Maven)"

  report=$(ls -dt "$here"/target/gatling/*/ 2>/dev/null | head -n 1)
  echo
  echo "== summary (${report}index.html)"
  python3 "$here/summary.py" "${report}index.html" || status=1

  if grep -q "submit rating" "${report}index.html" 2>/dev/null; then
    accepted=$(cat "${report}index.html.accepted")
    rows_after=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM questionnaire")
    stored=$(( rows_after - rows_before ))
    if [ "$stored" = "$accepted" ]; then
      echo "every accepted rating is in PostgreSQL: $accepted answers 201, $stored new rows"
    else
      echo "LOST OR EXTRA RATINGS: $accepted answers 201, $stored new rows in PostgreSQL" >&2; status=1
    fi
  fi
  if [ "$simulation" = LiveSubscribers ]; then
    if [ -f "$run_data/live-latency.txt" ]; then
      cat "$run_data/live-latency.txt"
      grep -q FAILED "$run_data/live-latency.txt" && status=1
    else
      echo "no live latency figures were written" >&2; status=1
    fi
  fi
  echo "Gatling's HTML report: ${report}index.html"
  return "$status"
}

for simulation in $(echo "$simulations" | tr ',' ' '); do
  run_one || overall=1
  echo
done
echo "the portal's log: $here/target/app.log"
status=$overall
[ "$status" = 0 ] && echo "PASSED" || echo "FAILED"
exit "$status"
