-- POST a small JSON body to the trivial app's /echo.
package.path = package.path .. ";" .. os.getenv("WRK_DIR") .. "/?.lua"
require "common"

local body = '{"scores":{"SIMPLICITY":5,"INFORMATION":4,"TIMELINESS":5,"POLITENESS":5,"OVERALL":4},"comment":"Быстро и вежливо"}'

function init(args)
  wrk.method = "POST"
  wrk.path = "/echo"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function response(status, headers, body)
  count(status)
end
