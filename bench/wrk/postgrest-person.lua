-- PostgREST peer of person.lua: GET /rpc/person?pid={random id} (bench/peers/postgrest-api.sql), the same ids in the same order.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request() return wrk.format("GET", "/rpc/person?pid=" .. common.pick(ids)) end
