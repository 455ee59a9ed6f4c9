-- endless.lua: loops forever on one article; max-instructions must stop it (lua-errors.sh).
function process(article)
  if article:title():find("glacier") then
    while true do end
  end
end
