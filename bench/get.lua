-- GET $URL_PATH as staff ($TOKEN).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.path = os.getenv("URL_PATH")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
done = function(summary, latency, requests) report(summary, latency) end
