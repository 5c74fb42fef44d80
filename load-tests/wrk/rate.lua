-- Logged-in rating submissions that never repeat a citizen and organisation pair: thread t uses the sessions
-- t, t + threads, ...; its n-th request goes from session n mod k to organisation n div k (env SESSIONS: one
-- "SESSION-cookie" per line; env ORGANIZATIONS: one id per line; env THREADS).
package.path = package.path .. ";" .. os.getenv("WRK_DIR") .. "/?.lua"
require "common"

local sessions
local organizations
local n = 0

function init(args)
  sessions = thread_sessions()
  organizations = lines(os.getenv("ORGANIZATIONS"))
end

function request()
  local k = #sessions
  local session = sessions[(n % k) + 1]
  local organization = organizations[math.floor(n / k) % #organizations + 1]
  if math.floor(n / k) >= #organizations then error("out of unused citizen and organisation pairs") end
  n = n + 1
  return rating_request(session, organization)
end

function response(status, headers, body)
  count(status)
end
