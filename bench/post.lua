-- POST a family's inquiry (topic from $TOPIC) to $URL_PATH.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.path = os.getenv("URL_PATH")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"question","topic_id":"' .. (os.getenv("TOPIC") or "") ..
  '","subject":"Bus stop question","body":"When does the bus reach Elm Street in the morning?",' ..
  '"requester":{"name":"Maria Lopez","email":"maria@example.org","role":"parent"}}'
done = function(summary, latency, requests) report(summary, latency) end
