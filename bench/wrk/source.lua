-- GET /api/sources/{random id}: a letter's metadata (each generated person has one, src-{person id}).
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request() return wrk.format("GET", "/api/sources/src-" .. common.pick(ids)) end
