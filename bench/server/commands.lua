-- wrk: POST /v1/commands with a distinct CreateQueue per request (per thread, per counter), so
-- every request is decided and appended (none is an idempotent replay or a conflict).
local counter = 0
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  token = os.getenv("CALLWATCH_TOKEN")
end
request = function()
  counter = counter + 1
  local body = string.format('{"type":"CreateQueue","queue":"q-%d-%d","channel":"VOICE"}', tid, counter)
  return wrk.format("POST", "/v1/commands",
                    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
