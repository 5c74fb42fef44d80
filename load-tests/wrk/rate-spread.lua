-- Logged-in rating submissions spread over the organisations: request n of a thread goes from its session n mod k to
-- organisation n mod m (k sessions, m organisations, k and m without a common divisor), so consecutive requests rate
-- different organisations and no citizen and organisation pair repeats within k·m requests (env as rate.lua's:
-- SESSIONS, ORGANIZATIONS, THREADS).
package.path = package.path .. ";" .. os.getenv("WRK_DIR") .. "/?.lua"
require "common"

local sessions
local organizations
local n = 0

local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end

function init(args)
  sessions = thread_sessions()
  organizations = lines(os.getenv("ORGANIZATIONS"))
  assert(gcd(#sessions, #organizations) == 1, "sessions per thread and organisations must have no common divisor")
end

function request()
  local k, m = #sessions, #organizations
  if n >= k * m then error("out of unused citizen and organisation pairs") end
  local organization = organizations[(n % m) + 1]
  local session = sessions[(n % k) + 1]
  n = n + 1
  return rating_request(session, organization)
end

function response(status, headers, body)
  count(status)
end
