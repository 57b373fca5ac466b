-- GET /people/{random id}: a person's case page (status today explained, custody chart, every fact with its quotes).
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request() return wrk.format("GET", "/people/" .. common.pick(ids), {Accept = "text/html"}) end
