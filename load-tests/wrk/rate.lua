-- Logged-in rating submissions that never repeat a citizen and organisation pair. Thread t uses the sessions
-- t, t + threads, ...; with k sessions and m organisations its n-th request goes from session n mod k to
--   ORDER=runs (default): organisation n div k, so k consecutive ratings of one organisation, then the next;
--   ORDER=spread: organisation n mod m (k and m without a common divisor), so consecutive requests rate different
--   organisations and no pair repeats within k·m requests.
-- Env SESSIONS: one "SESSION-cookie" per line; ORGANIZATIONS: one id per line; THREADS; ORDER.
package.path = package.path .. ";" .. os.getenv("WRK_DIR") .. "/?.lua"
require "common"

local sessions
local organizations
local spread = os.getenv("ORDER") == "spread"
local n = 0

local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end

function init(args)
  sessions = thread_sessions()
  organizations = lines(os.getenv("ORGANIZATIONS"))
  assert(not spread or gcd(#sessions, #organizations) == 1,
    "sessions per thread and organisations must have no common divisor")
end

-- The n-th request's organisation, or nil when every pair has been used.
local function organization_of(k, m)
  if spread then
    return n < k * m and organizations[(n % m) + 1] or nil
  end
  local run = math.floor(n / k)
  return run < m and organizations[run % m + 1] or nil
end

function request()
  local k, m = #sessions, #organizations
  local organization = organization_of(k, m)
  if organization == nil then error("out of unused citizen and organisation pairs") end
  local session = sessions[(n % k) + 1]
  n = n + 1
  return rating_request(session, organization)
end

function response(status, headers, body)
  count(status)
end
