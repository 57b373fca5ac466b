-- PostgREST peer of detained.lua: GET /rpc/detained?as_of={random day}, the same days in the same order.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
function init(args) common.seed() end
function request() return wrk.format("GET", "/rpc/detained?as_of=" .. common.day()) end
