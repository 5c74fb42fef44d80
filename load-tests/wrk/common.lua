-- Shared by the ceiling's wrk scripts: per-thread status counts, summed when wrk is done, and lines from files.
local threads = {}
statuses = {}

function setup(thread)
  thread:set("number", #threads)
  table.insert(threads, thread)
end

function count(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function lines(path)
  local result = {}
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  for line in file:lines() do
    if line ~= "" then table.insert(result, line) end
  end
  file:close()
  return result
end

-- Prints "status NNN: count" for every status any thread saw (ceiling.sh reads these lines).
function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local seen = thread:get("statuses")
    for status, n in pairs(seen) do totals[status] = (totals[status] or 0) + n end
  end
  for status, n in pairs(totals) do io.write(string.format("status %d: %d\n", status, n)) end
end

-- The sessions of this thread, for the rating scripts (env SESSIONS: one SESSION cookie a line; env THREADS): thread t
-- takes sessions t, t + threads, ...
function thread_sessions()
  local all, mine = lines(os.getenv("SESSIONS")), {}
  local threads = tonumber(os.getenv("THREADS"))
  for i = number + 1, #all, threads do table.insert(mine, all[i]) end
  return mine
end

local rating_body = '{"scores":{"SIMPLICITY":5,"INFORMATION":4,"TIMELINESS":5,"POLITENESS":5,"OVERALL":4},"comment":"Быстро и вежливо"}'

-- A logged-in rating submission with the rating scripts' fixed CSRF token (its cookie and header agree).
function rating_request(session, organization)
  return wrk.format("POST", "/api/v1/organizations/" .. organization .. "/ratings", {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "SESSION=" .. session .. "; XSRF-TOKEN=ceiling-csrf-token",
    ["X-XSRF-TOKEN"] = "ceiling-csrf-token"
  }, rating_body)
end
