-- GET /api/persons/{random id}: a person with every fact and its citations.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request() return wrk.format("GET", "/api/persons/" .. common.pick(ids)) end
