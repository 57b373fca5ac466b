-- GET /api/persons?concern=true: the JSON of the front page's list.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
function init(args) common.seed() end
function request() return wrk.format("GET", "/api/persons?concern=true") end
