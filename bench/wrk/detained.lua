-- GET /api/persons?status=detained&asOf={random day}: first page (20) of people detained on the day, with the total.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
function init(args) common.seed() end
function request() return wrk.format("GET", "/api/persons?status=detained&asOf=" .. common.day()) end
