-- GET /api/counts?asOf={random day}&definition=detained: how many people were detained on the day.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
function init(args) common.seed() end
function request() return wrk.format("GET", "/api/counts?asOf=" .. common.day() .. "&definition=detained") end
