-- PostgREST peer of search.lua: GET /rpc/search?q={a name with one typo}, the same names in the same order.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local names
function init(args) common.seed(); names = common.lines("typos.txt") end
function request() return wrk.format("GET", "/rpc/search?q=" .. common.urlencode(common.pick(names))) end
