-- GET the paths of a file (one per line, env PATHS), in random order; with env COOKIE, as a logged-in user.
package.path = package.path .. ";" .. os.getenv("WRK_DIR") .. "/?.lua"
require "common"

local paths
local headers = {}

function init(args)
  paths = lines(os.getenv("PATHS"))
  math.randomseed(os.time() + number)
  if os.getenv("COOKIE") then headers["Cookie"] = os.getenv("COOKIE") end
  headers["Accept"] = os.getenv("ACCEPT") or "*/*"
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, headers, body)
  count(status)
end
