-- PostgREST peer of counts.lua: GET /rpc/detained_count?as_of={random day}, the same days in the same order.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
function init(args) common.seed() end
function request() return wrk.format("GET", "/rpc/detained_count?as_of=" .. common.day()) end
