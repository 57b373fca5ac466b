-- Shared by the endpoint scripts: deterministic random picks (each wrk thread seeds its own generator from its
-- number), input files exported from the database by bench/run.sh, and a done() that prints one parseable line.
-- Environment: BENCH_INPUT_DIR (ids.txt, typos.txt), BENCH_SEED.
local common = {}

local dir = os.getenv("BENCH_INPUT_DIR") or "."

function common.lines(name)
  local out = {}
  local f = assert(io.open(dir .. "/" .. name, "r"), "cannot read " .. dir .. "/" .. name)
  for line in f:lines() do
    if #line > 0 then out[#out + 1] = line end
  end
  f:close()
  assert(#out > 0, name .. " is empty")
  return out
end

function common.pick(list)
  return list[math.random(1, #list)]
end

-- A day between 2010-01-01 and 2021-12-31, the span the generated custody periods cover.
local base = os.time({year = 2010, month = 1, day = 1, hour = 12})
function common.day()
  return os.date("!%Y-%m-%d", base + math.random(0, 4382) * 86400)
end

function common.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 1
local threads = {}

-- wrk calls setup(thread) once per thread in the main Lua state; each thread's id seeds its generator.
function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

-- BENCH_SEED (default 4242) lets two wrk processes, one per instance (bench/scale.sh), ask different questions.
function common.seed()
  math.randomseed((tonumber(os.getenv("BENCH_SEED")) or 4242) + (id or 0))
  for _ = 1, 10 do math.random() end
end

-- One line that bench/run.sh parses: requests/s, latency percentiles in ms, and anything that went wrong.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end

return common
