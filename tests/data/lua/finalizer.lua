-- finalizer.lua: a __gc metamethod that never returns would hang the run when the state is
-- closed (finalizers run with hooks off); setmetatable refuses it (hostile-lua.sh).
local sneaky = {}
local kept = setmetatable({}, sneaky)
sneaky.__gc = function () while true do end end -- too late: kept is not marked for finalization

function process(article)
  if article:title():find("glacier") then
    setmetatable({}, { __gc = function () while true do end end })
  end
  kept.seen = true
end
