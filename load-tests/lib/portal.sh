# Shared by the scripts that run the built portal on this machine's PostgreSQL and Redis and have citizens rate it
# (fault-kill.sh, kill-one-instance.sh, capacity.sh). Sourced, not run: the caller sets `root` (the repository) and
# `work` (its scratch folder) first. Loopback only: every address below is 127.0.0.1.

psql_admin=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)

# portal_jar: makes sure the machine's servers run and the portal is built (builds it when no jar exists); sets jar.
portal_jar() {
  bash "$root/.ci/external-servers.sh"
  if ! ls "$root"/target/ocenka-*.jar >/dev/null 2>&1; then (cd "$root" && ./mvnw -q -B -DskipTests package); fi
  jar="$(ls "$root"/target/ocenka-*.jar | grep -v original | head -n 1)"
}

# fresh_stores DATABASE REDIS_DB: an empty database of that name and an empty Redis database of that number.
fresh_stores() {
  "${psql_admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  "${psql_admin[@]}" -d postgres -c "CREATE DATABASE $1"
  redis-cli -h 127.0.0.1 -n "$2" FLUSHDB >/dev/null
}

# start_portal DATABASE REDIS_DB PORT MANAGEMENT_PORT LOG [OPTION...]: an instance of the jar in the background, on
# the database and Redis database given, with the write limit per address out of the way (every load-test citizen
# comes from 127.0.0.1); sets portal_pid. An option must not repeat one of these (Spring would join the two values).
# PORTAL_JVM: the JVM's options (default a 512 MB heap).
start_portal() {
  local database="$1" redis_db="$2" port="$3" management="$4" log="$5"
  shift 5
  # shellcheck disable=SC2086 # PORTAL_JVM: several options
  java ${PORTAL_JVM:--Xms512m -Xmx512m} -jar "$jar" --server.port="$port" --management.server.port="$management" \
    --spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:5432/$database" --spring.r2dbc.username=postgres \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=6379 --spring.data.redis.database="$redis_db" \
    --ocenka.security.write-limit.per-address=1000000000 "$@" >> "$log" 2>&1 &
  portal_pid=$!
}

# wait_ready PORT PID LOG [SECONDS]: until the instance answers /readyz (fails when it stops or takes too long).
wait_ready() {
  local tries=$(( ${4:-60} * 4 ))
  for _ in $(seq 1 "$tries"); do
    curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "the portal on port $1 stopped; see $3" >&2; return 1; }
    sleep 0.25
  done
  echo "the portal on port $1 did not get ready; see $3" >&2
  return 1
}

# create_citizens DATABASE PREFIX COUNT: confirmed citizens PREFIXn@load.test with the password PREFIX-n-secret
# ({noop}: a login costs a session, not a hash), a month old (fair play holds no rating of theirs).
create_citizens() {
  "${psql_admin[@]}" -d "$1" <<SQL
WITH new_users AS (
  INSERT INTO app_user (email, password_hash, display_name, email_confirmed_at, created_at)
  SELECT '$2' || g || '@load.test', '{noop}$2-' || g || '-secret', 'Нагрузка ' || g, now(), now() - interval '30 days'
  FROM generate_series(1, $3) g RETURNING id)
INSERT INTO user_role (user_id, role) SELECT id, 'CITIZEN' FROM new_users;
SQL
}

# A citizen rates as a person would, run by xargs (exported below). Set and export first:
#   RATE_BASE  http://127.0.0.1:PORT     RATE_PREFIX  the citizens' prefix     RATE_WORK  a folder
#   RATE_ORGS  a file of organisation ids, one a line; citizen n rates line n mod (lines) + 1
# Every attempt is logged to $RATE_WORK/attempts as "epoch-seconds citizen status" (the log-in's status when it
# failed: a 502 from a balancer, say; the rating's otherwise).
rate_one() { # rate_one N: citizen N rates, trying again while no instance answers, is busy or lost the session
  local n="$1" try status
  for try in $(seq 1 120); do
    status=$(rate_attempt "$n")
    echo "$(date +%s.%N) $n $status" >> "$RATE_WORK/attempts"
    # 401: the session was lost (Redis came back empty), so a person logs in again; 429: busy, wait.
    case "$status" in 000|401|429|502|503|504) sleep 0.5 ;; *) break ;; esac
  done
  echo "$n $status $try"
}
rate_attempt() { # rate_attempt N: citizen N logs in and rates; prints the rating's status, or the log-in's when that
  # failed (000: no answer)
  local n="$1" jar="$RATE_WORK/cookies.$1" org token status lines
  lines=$(wc -l < "$RATE_ORGS")
  org=$(sed -n "$(( n % lines + 1 ))p" "$RATE_ORGS")
  status=$(curl -s -m 10 -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$RATE_BASE/api/v1/auth/csrf") || status=000
  if [ "$status" = 200 ]; then
    token=$(awk '$6 == "XSRF-TOKEN" {print $7}' "$jar")
    status=$(curl -s -m 10 -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -H "X-XSRF-TOKEN: $token" \
      -H 'Content-Type: application/json' -d "{\"email\":\"$RATE_PREFIX$n@load.test\",\"password\":\"$RATE_PREFIX-$n-secret\"}" \
      "$RATE_BASE/api/v1/auth/login") || status=000
  fi
  if [ "$status" = 200 ]; then
    status=$(curl -s -m 10 -b "$jar" -o /dev/null -w '%{http_code}' -H "X-XSRF-TOKEN: $token" \
      -H 'Content-Type: application/json' \
      -d '{"scores":{"SIMPLICITY":4,"INFORMATION":5,"TIMELINESS":3,"POLITENESS":5,"OVERALL":4}}' \
      "$RATE_BASE/api/v1/organizations/$org/ratings") || status=000
  fi
  rm -f "$jar"
  echo "$status"
}
export -f rate_one rate_attempt

# check_ratings DATABASE REDIS_DB PREFIX STATUSES LOG...: after the citizens (STATUSES: rate_one's lines), prints
# the 201s, the other answers, the retries, the citizens' rows, 201s without a row, citizen-days with two rows and,
# once a reconcile has repaired what a fault left (up to a minute), the questionnaires counted by the running
# aggregates in Redis against PostgreSQL's (org_day); LOG...: the instances' logs, for the drift repairs logged.
# Returns non-zero when a 201 has no row, a day has two rows or the aggregates differ. Leaves the figures in
# check_accepted, check_rows, check_missing, check_doubles, check_pg and check_redis.
check_ratings() {
  local database="$1" redis_db="$2" prefix="$3" statuses="$4" drift
  shift 4
  check_accepted=$(awk '$2 == 201' "$statuses" | wc -l)
  local refused; refused=$(awk '$2 != 201' "$statuses" | wc -l)
  check_rows=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM questionnaire q JOIN app_user u ON u.id = q.user_id WHERE u.email LIKE '$prefix%@load.test'")
  awk '$2 == 201 {print $1}' "$statuses" | sort > "$statuses.accepted"
  "${psql_admin[@]}" -d "$database" -c "SELECT substring(u.email from '$prefix([0-9]+)@') FROM questionnaire q JOIN app_user u ON u.id = q.user_id WHERE u.email LIKE '$prefix%@load.test'" \
    | sort > "$statuses.stored"
  check_missing=$(comm -23 "$statuses.accepted" "$statuses.stored" | wc -l)
  check_doubles=$("${psql_admin[@]}" -d "$database" -c "SELECT count(*) FROM (SELECT user_id, organization_id, local_date FROM questionnaire WHERE user_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1) d")

  echo "== comparing the aggregates with PostgreSQL (a drift is repaired at the next reconcile)"
  for _ in $(seq 1 12); do
    check_pg=$("${psql_admin[@]}" -d "$database" -c "SELECT coalesce(sum(questionnaires), 0) FROM org_day")
    check_redis=$(redis-cli -n "$redis_db" --scan --pattern 'agg:{[0-9]*}' | while read -r key; do redis-cli -n "$redis_db" HGET "$key" n; done | awk '{s += $1} END {print s + 0}')
    [ "$check_pg" = "$check_redis" ] && break
    sleep 5
  done
  drift=$(cat "$@" 2>/dev/null | grep -c 'Aggregates differ from PostgreSQL' || true)

  echo
  echo "answers 201:                 $check_accepted"
  echo "other answers:               $refused (statuses: $(awk '$2 != 201 {print $2}' "$statuses" | sort | uniq -c | tr -s ' ' | tr '\n' ',' ))"
  echo "citizens who had to retry:   $(awk '$3 > 1' "$statuses" | wc -l) (at most $(awk 'BEGIN {m = 0} $3 > m {m = $3} END {print m}' "$statuses") tries)"
  echo "rows of these citizens:      $check_rows"
  echo "201s without a row:          $check_missing"
  echo "citizen-days with two rows:  $check_doubles"
  echo "questionnaires, PostgreSQL:  $check_pg"
  echo "questionnaires, Redis:       $check_redis"
  echo "drift repairs logged:        $drift"
  [ "$check_missing" = 0 ] && [ "$check_doubles" = 0 ] && [ "$check_pg" = "$check_redis" ]
}

# Two instances behind HAProxy on loopback (src/ops/haproxy/haproxy-local.cfg): kill-one-instance.sh, capacity.sh.
haproxy_stats='http://127.0.0.1:8404/stats;csv'

# ports_free PORT...: fails, naming it, when a port is taken (another load run, a portal left running).
ports_free() {
  local p
  for p in "$@"; do
    if ss -Hltn "sport = :$p" | grep -q .; then echo "port $p is taken (another load run?)" >&2; return 1; fi
  done
}

# haproxy_installed: Debian's haproxy, installed when missing (as .ci/run installs its packages), its service stopped.
haproxy_installed() {
  command -v haproxy >/dev/null 2>&1 && return 0
  local sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "== installing haproxy"
  "${sudo[@]}" apt-get update -q || true
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy
  # Debian's package starts its own service where systemd runs: not wanted here.
  if [ -d /run/systemd/system ]; then "${sudo[@]}" systemctl disable --now haproxy >/dev/null 2>&1 || true; fi
}

# start_haproxy LOG: HAProxy in the foreground mode, in the background, with haproxy-local.cfg (127.0.0.1:8088, its
# statistics on 127.0.0.1:8404), waiting until it sees both instances up; sets haproxy_pid.
start_haproxy() {
  haproxy -db -f "$root/src/ops/haproxy/haproxy-local.cfg" > "$1" 2>&1 &
  haproxy_pid=$!
  for _ in $(seq 1 60); do [ "$(server_states)" = "UP UP" ] && return 0; sleep 0.5; done
  echo "HAProxy does not see both instances up: $(server_states); see $1" >&2
  return 1
}

# server_states: "status-of-app-1 status-of-app-2" in HAProxy's backend app: UP, DOWN, or on the way, UP_1/2 (a check
# failed), DOWN_1/2 (a check passed).
server_states() {
  curl -fs "$haproxy_stats" 2>/dev/null | awk -F, '$1 == "app" && ($2 == "app-1" || $2 == "app-2") {gsub(/ /, "_", $18); s[$2] = $18}
    END {print s["app-1"], s["app-2"]}'
}
