-- POST a family's inquiry (topic from $TOPIC) to $URL_PATH, each with its own
-- random Idempotency-Key, as the family portal sends it.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
-- The families: one of 50,000 addresses per submission, so intake's
-- repeat-contact check looks up many requesters, as a district's would.
local body = '{"kind":"question","topic_id":"' .. (os.getenv("TOPIC") or "") ..
  '","subject":"Bus stop question","body":"When does the bus reach Elm Street in the morning?",' ..
  '"requester":{"name":"Maria Lopez","email":"family%d@example.org","role":"parent"}}'
-- ANONYMOUS=1: families who leave no contact details, so nothing is sent.
if os.getenv("ANONYMOUS") == "1" then
  body = '{"kind":"question","topic_id":"' .. (os.getenv("TOPIC") or "") ..
    '","subject":"Bus stop question","body":"When does the bus reach Elm Street in the morning?",' ..
    '"requester":{"role":"community"},"anonymous":true}'
end
local path = os.getenv("URL_PATH")

-- Each thread's keys from its own seed out of /dev/urandom: the main state's
-- math.random starts alike in every run, so load points run one after
-- another would resend the earlier points' keys and be answered as retries.
function setup(thread)
  local f = assert(io.open("/dev/urandom", "rb"))
  local b = f:read(6)
  f:close()
  local seed = 0
  for i = 1, #b do seed = seed * 256 + b:byte(i) end
  thread:set("seed", seed)
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
  }, (string.gsub(body, "%%d", tostring(math.random(1, 50000)))))
end

done = function(summary, latency, requests) report(summary, latency) end
