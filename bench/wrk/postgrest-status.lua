-- PostgREST peer of status.lua: GET /rpc/status?pid={random id}&as_of={random day}, the same (id, day) pairs in the same order.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request()
  local id = common.pick(ids)
  return wrk.format("GET", "/rpc/status?pid=" .. id .. "&as_of=" .. common.day())
end
