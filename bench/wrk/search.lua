-- GET /api/persons?q={a name with one typo}: fuzzy name search, best match first.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local names
function init(args) common.seed(); names = common.lines("typos.txt") end
function request() return wrk.format("GET", "/api/persons?q=" .. common.urlencode(common.pick(names))) end
