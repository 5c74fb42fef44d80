#!/usr/bin/env bash
# How close the portal's paths come to what the stack itself can serve, measured side by side on this machine:
# a trivial Spring Boot WebFlux app that echoes a JSON body (ceiling/, the ceiling of every path), a trivial app that
# does the least a rating needs (ceiling/floor/: the JSON read, one Redis script for the day's limit and the
# aggregate, the row through a micro-batched multi-row INSERT; the floor of the rating) and the portal, started with
# the same JVM flags, each path driven by wrk (Debian's package) after a JIT warm-up. Prints requests/s, latency p50/p99
# and the share of the echo app and of the floor app for every path, checks that every 201 of the floor's and the
# portal's rating runs is a row in PostgreSQL and that the daily limit still refuses a second rating, and prints a
# Markdown table for docs/PERFORMANCE.md.
#
#   load-tests/ceiling.sh [--duration S] [--warmup S] [--connections N] [--threads N] [--only a,b,...]
#                         [--profile PATH] [--skip-build] [--demo-questionnaires N] [--tuned] [--jar PORTAL_JAR]
#
# Paths: echo (the ceiling), floor (the rating's floor), liveness, organization, organization-page, rate-form,
# rate-form-user, search, rating. The reads go to organisations drawn as the load suites draw them (by popularity, a
# few busy ones and a long tail: a Zipf-like choice, s = 1), so pages nobody opened since the start are among them.
# The portal runs on its default configuration (the write limits lifted, or the rating run would measure them);
# --tuned also gives the kept pages 256 MB, as the runs before issue 30 did.
# --jar PORTAL_JAR: measures that build of the portal (another commit's, say) with this script; default this checkout's.
# --profile PATH: records PATH's measured run with async-profiler (a flame graph in load-tests/target/ceiling/).
# It needs this machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379): a fresh database ocenka_ceiling
# and Redis database 8. Not part of CI: a run takes about ten minutes and all of the machine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
duration=20; warmup=30; connections=64; threads=2; only=""; profile=""; build=yes; questionnaires=520000; tuned=no; jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --skip-build) build=no; shift ;;
    --demo-questionnaires) questionnaires="$2"; shift 2 ;;
    --tuned) tuned=yes; shift ;;
    --jar) jar="$(realpath "$2")"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

jvm=(-Xms1g -Xmx1g -XX:+UseParallelGC)
echo_port=18090; floor_port=18091; port=18081; database=ocenka_ceiling; floor_database=ocenka_floor; redis_db=8; floor_redis_db=9
work="$here/target/ceiling"; rm -rf "$work"; mkdir -p "$work"
psql_admin=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
export WRK_DIR="$here/wrk" THREADS="$threads"
ulimit -n 65536 2>/dev/null || true

wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

bash "$root/.ci/external-servers.sh"
if [ "$build" = yes ]; then
  echo "== building the portal, the echo app and the floor app"
  (cd "$root" && ./mvnw -q -B -DskipTests package && ./mvnw -q -B -f load-tests/ceiling/pom.xml -DskipTests package \
    && ./mvnw -q -B -f load-tests/ceiling/floor/pom.xml -DskipTests package)
fi
[ -n "$jar" ] || jar="$(ls "$root"/target/ocenka-*.jar | grep -v original | head -n 1)"
echo "the portal measured: $jar"
echo_jar="$here/ceiling/target/ocenka-ceiling-1.0.0-SNAPSHOT.jar"
floor_jar="$here/ceiling/floor/target/ocenka-floor-1.0.0-SNAPSHOT.jar"
if [ -n "$profile" ]; then
  (cd "$root" && ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$work")
  (cd "$work" && unzip -qo async-profiler-4.1.jar 'linux-x64/*')
fi

pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT
wait_for() { # wait_for URL SECONDS
  for _ in $(seq 1 "$2"); do curl -fs -o /dev/null "$1" && return 0; sleep 1; done
  echo "no answer from $1" >&2; exit 1
}

declare -A rps p50 p99 note
# measure NAME URL SCRIPT [ENV=VALUE...]: warm-up, then the measured run; fills rps/p50/p99 and the status counts.
measure() {
  local name="$1" url="$2" script="$3"; shift 3
  echo "== $name: warm-up ${warmup} s, then ${duration} s (wrk -t$threads -c$connections)"
  # The rating runs warm up on citizens of their own (a pair rated in the warm-up must not come back).
  [ "$name" = rating ] || [ "$name" = floor ] || env "$@" wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/wrk/$script" "$url" > /dev/null
  local agent=""
  if [ "$profile" = "$name" ]; then
    agent="$work/linux-x64/libasyncProfiler.so"
    java_pid=$(pgrep -n -f "ocenka-(0|floor).*jar")
    # CPU samples from perf events where the machine allows them, else from the interval timer.
    java "$here/ceiling/Attach.java" "$java_pid" "$agent" "start,event=cpu,interval=1ms" 2>/dev/null \
      || java "$here/ceiling/Attach.java" "$java_pid" "$agent" "start,event=itimer,interval=1ms"
  fi
  env "$@" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$here/wrk/$script" "$url" > "$work/$name.txt"
  if [ -n "$agent" ]; then
    java "$here/ceiling/Attach.java" "$java_pid" "$agent" "stop,file=$work/$name.collapsed,collapsed"
    java "$here/ceiling/Attach.java" "$java_pid" "$agent" "flamegraph,file=$work/$name-flame.html"
    echo "   flame graph: $work/$name-flame.html (collapsed stacks: $work/$name.collapsed)"
  fi
  rps[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$work/$name.txt")
  p50[$name]=$(awk '$1 == "50%" {print $2}' "$work/$name.txt")
  p99[$name]=$(awk '$1 == "99%" {print $2}' "$work/$name.txt")
  note[$name]=$(grep '^status' "$work/$name.txt" | sed 's/status //' | tr '\n' ' ')
  echo "   ${rps[$name]} requests/s, p50 ${p50[$name]}, p99 ${p99[$name]}; ${note[$name]}"
}

echo_run() { # the ceiling, on its own
  java "${jvm[@]}" -jar "$echo_jar" --server.port="$echo_port" > "$work/echo.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 1 60); do curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$echo_port/echo" && break; sleep 1; done
  measure "$1" "http://127.0.0.1:$echo_port" echo.lua
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo_run echo-before

# The floor: the least a rating needs, on a fresh database of its own and Redis database 9; its citizens are made-up
# session cookies (it looks nobody up). Every 201 must be a row, as in the portal's run.
floor_run() {
  "${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $floor_database WITH (FORCE)"
  "${psql_admin[@]}" -d postgres -c "CREATE DATABASE $floor_database"
  redis-cli -h 127.0.0.1 -n "$floor_redis_db" FLUSHDB > /dev/null
  java "${jvm[@]}" -jar "$floor_jar" --server.port="$floor_port" \
    --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$floor_database" --spring.r2dbc.username=postgres \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 --spring.data.redis.database="$floor_redis_db" \
    > "$work/floor.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$floor_port/")" != 000 ] && break; sleep 1
  done
  # Made-up citizens cost nothing: enough of them that a long warm-up at the floor's rate never runs out of pairs.
  seq 1 1024 | sed 's/^/floor-citizen-/' > "$work/floor-sessions.txt"
  head -n 512 "$work/floor-sessions.txt" > "$work/floor-sessions-warmup.txt"
  tail -n 512 "$work/floor-sessions.txt" > "$work/floor-sessions-run.txt"
  seq 1 15000 > "$work/floor-organizations.txt"
  SESSIONS="$work/floor-sessions-warmup.txt" ORGANIZATIONS="$work/floor-organizations.txt" \
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/wrk/rate.lua" "http://127.0.0.1:$floor_port" > "$work/floor-warmup.txt"
  local warm_created; warm_created=$(awk '/^status 201:/ {print $3}' "$work/floor-warmup.txt")
  measure floor "http://127.0.0.1:$floor_port" rate.lua SESSIONS="$work/floor-sessions-run.txt" \
    ORGANIZATIONS="$work/floor-organizations.txt"
  local created stored
  created=$(awk '/^status 201:/ {print $3}' "$work/floor.txt")
  stored=$("${psql_admin[@]}" -d "$floor_database" -c "SELECT count(*) FROM floor_questionnaire")
  local extra=$(( stored - ${created:-0} - ${warm_created:-0} ))
  if [ "$extra" -ge 0 ] && [ "$extra" -le $(( 2 * connections )) ]; then
    note[floor]="${note[floor]}; every 201 a row"
  else
    note[floor]="${note[floor]}; LOST OR EXTRA: $(( ${created:-0} + ${warm_created:-0} )) answers 201, $stored rows"; failed=1
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
if wanted floor || wanted rating; then floor_run; fi

echo "== the portal: a fresh database $database with the demo data, Redis database $redis_db"
"${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)"
"${psql_admin[@]}" -d postgres -c "CREATE DATABASE $database"
redis-cli -h 127.0.0.1 -n "$redis_db" FLUSHDB > /dev/null
java "${jvm[@]}" -jar "$jar" --server.port="$port" \
  --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$database" --spring.r2dbc.username=postgres \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 --spring.data.redis.database="$redis_db" \
  --management.server.port=$(( port + 1 )) \
  --ocenka.demo.load=auto --ocenka.demo.questionnaires="$questionnaires" \
  --ocenka.public-base-url="http://localhost:$port" \
  --ocenka.security.write-limit.per-address=1000000000 --ocenka.security.write-limit.per-user=1000000000 \
  $( [ "$tuned" = yes ] && echo --ocenka.web.public-cache-size=256MB ) \
  > "$work/portal.log" 2>&1 &
pids+=("$!")
wait_for "http://127.0.0.1:$port/readyz" 600
# The bulk load leaves autovacuum and checkpoints to come: have them now, not during the measurements.
"${psql_admin[@]}" -d "$database" -c "VACUUM ANALYZE" -c "CHECKPOINT"
echo "ready (demo data loaded, vacuumed)"

# Citizens for the rating run ({noop} passwords: a login costs a session, not a hash), logged in once each.
"${psql_admin[@]}" -d "$database" <<SQL
WITH new_users AS (
  INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
  SELECT 'ceiling' || g || '@load.test', '{noop}ceiling-' || g, 'Потолок ' || g, now(), now() - interval '30 days'
  FROM generate_series(1, 128) g
  RETURNING id)
INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM new_users;
SQL
csrf=(-H "Cookie: XSRF-TOKEN=ceiling-csrf-token" -H "X-XSRF-TOKEN: ceiling-csrf-token")
: > "$work/sessions.txt"
for g in $(seq 1 128); do
  curl -fs -D - -o /dev/null "${csrf[@]}" -H 'Content-Type: application/json' \
    -d "{\"email\":\"ceiling$g@load.test\",\"password\":\"ceiling-$g\"}" "http://127.0.0.1:$port/api/v1/auth/login" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: SESSION=\([^;]*\).*/\1/p' >> "$work/sessions.txt"
done
[ "$(wc -l < "$work/sessions.txt")" = 128 ] || { echo "not every ceiling citizen could log in" >&2; exit 1; }

# The reads' organisations as the load suites draw them (LoadSettings.Organizations.skewed): the active ones by
# popularity, the k-th drawn in proportion to 1/k, 20,000 draws (wrk then picks lines at random); every active one,
# in random order, for the ratings.
"${psql_admin[@]}" -d "$database" -c "SELECT o.id FROM organization o LEFT JOIN questionnaire q ON q.organization_id = o.id
  WHERE o.status = 'ACTIVE' GROUP BY o.id ORDER BY count(q.id) DESC, o.id" > "$work/by-popularity.txt"
python3 - "$work/by-popularity.txt" "$work/drawn.txt" <<'PY'
import bisect, random, sys
ids = [line.strip() for line in open(sys.argv[1]) if line.strip()]
cumulative, total = [], 0.0
for k in range(1, len(ids) + 1):
    total += 1.0 / k
    cumulative.append(total)
rng = random.Random(20261207)
with open(sys.argv[2], "w") as out:
    for _ in range(20000):
        out.write(ids[min(bisect.bisect_left(cumulative, rng.random() * total), len(ids) - 1)] + "\n")
PY
"${psql_admin[@]}" -d "$database" -c "SELECT id FROM organization WHERE status = 'ACTIVE' ORDER BY random()" > "$work/organizations.txt"
sed 's|^|/api/v1/organizations/|' "$work/drawn.txt" > "$work/organization.paths"
sed 's|^|/o/|' "$work/drawn.txt" > "$work/organization-page.paths"
sed 's|^|/o/|; s|$|/rate|' "$work/drawn.txt" > "$work/rate-form.paths"
echo "/livez" > "$work/liveness.paths"
# What citizens type: whole words, first letters, typos, two words, in Russian.
python3 - "$work/search.paths" <<'PY'
import sys, urllib.parse
queries = ["поликлиника", "полик", "паликлиника", "школа", "школ", "средняя школа", "исполком", "райисполком",
           "детский сад", "дет", "библиотека", "библиот", "больница", "бальница", "почта", "почтовое отделение",
           "аптека", "гимназия", "загс", "минск", "брест", "гомель поликлиника", "витебск школа", "рай", "центр",
           "налоговая", "жэс", "пенсионный", "культуры", "стоматологическая поликлиника"]
with open(sys.argv[1], "w") as out:
    for q in queries:
        out.write("/api/v1/organizations?q=" + urllib.parse.quote(q) + "\n")
PY

base="http://127.0.0.1:$port"
wanted liveness && measure liveness "$base" get.lua PATHS="$work/liveness.paths"
wanted organization && measure organization "$base" get.lua PATHS="$work/organization.paths" ACCEPT=application/json
wanted organization-page && measure organization-page "$base" get.lua PATHS="$work/organization-page.paths" ACCEPT=text/html
wanted rate-form && measure rate-form "$base" get.lua PATHS="$work/rate-form.paths" ACCEPT=text/html
wanted rate-form-user && measure rate-form-user "$base" get.lua PATHS="$work/rate-form.paths" ACCEPT=text/html \
  COOKIE="SESSION=$(head -n 1 "$work/sessions.txt")"
wanted search && measure search "$base" get.lua PATHS="$work/search.paths" ACCEPT=application/json
if wanted rating; then
  before=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM questionnaire")
  # The warm-up rates too: its pairs must not come back in the measured run, so the two use different citizens.
  head -n 64 "$work/sessions.txt" > "$work/sessions-warmup.txt"; tail -n 64 "$work/sessions.txt" > "$work/sessions-run.txt"
  SESSIONS="$work/sessions-warmup.txt" ORGANIZATIONS="$work/organizations.txt" \
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$here/wrk/rate.lua" "$base" > "$work/rating-warmup.txt"
  warm_created=$(awk '/^status 201:/ {print $3}' "$work/rating-warmup.txt"); warm_created=${warm_created:-0}
  measure rating "$base" rate.lua SESSIONS="$work/sessions-run.txt" ORGANIZATIONS="$work/organizations.txt"
  after=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM questionnaire")
  created=$(awk '/^status 201:/ {print $3}' "$work/rating.txt"); created=${created:-0}
  stored=$(( after - before ))
  # wrk stops with requests in flight: those may be stored without their 201 having been read (at most one per
  # connection and run); a 201 without a row would be a lost rating.
  extra=$(( stored - created - warm_created ))
  if [ "$extra" -ge 0 ] && [ "$extra" -le $(( 2 * connections )) ]; then
    note[rating]="${note[rating]}; every 201 a row ($(( created + warm_created )) answers 201, $stored rows, $extra in flight at the end)"
  else
    note[rating]="${note[rating]}; LOST OR EXTRA: $(( created + warm_created )) answers 201, $stored rows"; failed=1
  fi
  # The daily limit still holds: a pair the run stored, sent again, is refused (citizen ceilingN has line N's session).
  read -r citizen first_org < <("${psql_admin[@]}" -F ' ' -d "$database" -c "SELECT substring(u.email from 'ceiling([0-9]+)@'),
    q.organization_id FROM questionnaire q JOIN app_user u ON u.id = q.user_id
    WHERE u.email LIKE 'ceiling%' ORDER BY q.id DESC LIMIT 1")
  first_session=$(sed -n "${citizen}p" "$work/sessions.txt")
  again=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "Cookie: SESSION=$first_session; XSRF-TOKEN=ceiling-csrf-token" -H "X-XSRF-TOKEN: ceiling-csrf-token" \
    -d '{"scores":{"SIMPLICITY":5,"INFORMATION":5,"TIMELINESS":5,"POLITENESS":5,"OVERALL":5}}' \
    "$base/api/v1/organizations/$first_org/ratings")
  [ "$again" = 409 ] && note[rating]="${note[rating]}; a repeat answers 409" \
    || { note[rating]="${note[rating]}; A REPEAT ANSWERED $again"; failed=1; }
fi
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

echo_run echo-after
ceiling=$(awk -v a="${rps[echo-before]}" -v b="${rps[echo-after]}" 'BEGIN {printf "%.0f", (a + b) / 2}')

commit=$(cd "$root" && git rev-parse --short HEAD)$(cd "$root" && git diff --quiet HEAD || echo "+changes")
echo
echo "## Ceiling run $(date -u +%Y-%m-%d) at $commit (wrk -t$threads -c$connections, ${warmup} s warm-up, ${duration} s; JVM ${jvm[*]}; portal $( [ "$tuned" = yes ] && echo tuned || echo "on its defaults"))"
echo
echo "| path | requests/s | share of the echo app | share of the floor app | p50 / p99 | notes |"
echo "|---|---|---|---|---|---|"
for name in echo-before echo-after floor liveness organization organization-page rate-form rate-form-user search rating; do
  [ -n "${rps[$name]:-}" ] || continue
  share=$(awk -v r="${rps[$name]}" -v c="$ceiling" 'BEGIN {printf "%.0f %%", 100 * r / c}')
  of_floor=$(awk -v r="${rps[$name]}" -v f="${rps[floor]:-0}" 'BEGIN {if (f > 0) printf "%.0f %%", 100 * r / f; else printf "—"}')
  echo "| $name | ${rps[$name]} | $share | $of_floor | ${p50[$name]} / ${p99[$name]} | ${note[$name]} |"
done
echo
echo "(the share is of $ceiling requests/s, the mean of the echo app's runs before and after the portal; the floor's"
echo "share is of ${rps[floor]:-no} requests/s, the floor app's run in the same script)"
exit "${failed:-0}"
