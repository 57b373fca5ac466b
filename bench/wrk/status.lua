-- GET /api/persons/{random id}/status?asOf={random day}: one person's status on a day, with the claims and citations.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
function init(args) common.seed(); ids = common.lines("ids.txt") end
function request()
  return wrk.format("GET", "/api/persons/" .. common.pick(ids) .. "/status?asOf=" .. common.day())
end
