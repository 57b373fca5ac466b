-- GET /sources/{random id}: a letter page, its text with every cited passage highlighted and the facts citing each.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request() return wrk.format("GET", "/sources/src-" .. common.pick(ids), {Accept = "text/html"}) end
