-- GET / (the front page, as a browser asks for it): people of concern with their status today, and the counts.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
function init(args) common.seed() end
function request() return wrk.format("GET", "/", {Accept = "text/html"}) end
