-- POST a family's inquiry (topic from $TOPIC) to $URL_PATH, each with its own
-- random Idempotency-Key, as the family portal sends it.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local body = '{"kind":"question","topic_id":"' .. (os.getenv("TOPIC") or "") ..
  '","subject":"Bus stop question","body":"When does the bus reach Elm Street in the morning?",' ..
  '"requester":{"name":"Maria Lopez","email":"maria@example.org","role":"parent"}}'
local path = os.getenv("URL_PATH")

function setup(thread)
  thread:set("seed", math.random(1, 2 ^ 30))
end

function init()
  math.randomseed(seed or os.time())
end

local function key()
  return string.format("%08x-%04x-4%03x-%04x-%012x", math.random(0, 2 ^ 32 - 1),
    math.random(0, 0xffff), math.random(0, 0xfff), math.random(0x8000, 0xbfff),
    math.random(0, 2 ^ 48 - 1))
end

request = function()
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key(),
  }, body)
end

done = function(summary, latency, requests) report(summary, latency) end
