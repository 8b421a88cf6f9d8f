-- Parse the writers' Markdown, which the document template hands over as literal
-- code blocks of class "rc-md", each in isolation: a note can never break the
-- document's structure, and raw HTML/OpenXML or attributes in a note are not read.

local NOTE_FORMAT = table.concat({
  "markdown",
  "-raw_html", "-raw_attribute", "-raw_tex", "-native_divs", "-native_spans",
  "-yaml_metadata_block", "-citations", "-auto_identifiers", "-header_attributes",
  "-link_attributes", "-fenced_divs", "-bracketed_spans", "-inline_code_attributes",
  "-tex_math_dollars", "-tex_math_single_backslash", "-latex_macros",
})

local function warn(where, message)
  io.stderr:write("RC-WARN\t" .. where .. "\t" .. message .. "\n")
end

local function unquote(s)
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

-- An image must be a relative path inside the note's own folder tree.
local function local_image(base, where)
  return function(img)
    local src = img.src
    local outside = src:match("^%a[%w+.-]*:") or src:match("^/") or src:match("^\\")
      or ("/" .. src .. "/"):match("/%.%./")
    if outside or base == "" then
      warn(where, "image « " .. src .. " » refusée : seules les images rangées dans sources/ "
        .. "sont acceptées")
      return pandoc.Emph(img.caption)
    end
    img.src = base .. "/" .. src
    return img
  end
end

local function shift_headings(blocks, target)
  local lowest = nil
  blocks:walk({ Header = function(h)
    if lowest == nil or h.level < lowest then lowest = h.level end
  end })
  if lowest == nil then return blocks end
  return blocks:walk({ Header = function(h)
    h.level = math.min(h.level - lowest + target, 6)
    return h
  end })
end

local function normalise(text)
  return pandoc.text.lower(pandoc.utils.stringify(text)):gsub("^%s+", ""):gsub("%s+$", "")
end

-- The blocks under the heading named `name` (up to the next heading as high).
local function section(blocks, name)
  local wanted, out, level = normalise(name), pandoc.Blocks({}), nil
  for _, block in ipairs(blocks) do
    if block.t == "Header" and level and block.level <= level then break end
    if level then out:insert(block) end
    if block.t == "Header" and not level and normalise(block.content) == wanted then
      level = block.level
    end
  end
  return out
end

function CodeBlock(block)
  if not block.classes:includes("rc-md") then return nil end
  local attrs = block.attributes
  local where = unquote(attrs["where"] or "")
  local blocks = pandoc.read(block.text, NOTE_FORMAT).blocks
  blocks = blocks:walk({ Image = local_image(unquote(attrs["base"] or ""), where) })
  if attrs["section"] then
    blocks = section(blocks, unquote(attrs["section"]))
  end
  return shift_headings(blocks, tonumber(attrs["shift"] or "3"))
end

-- A cross-reading entry whose note has no such section is dropped whole, and so is
-- a theme left with no entry (inner divs are filtered first: the walk is bottom-up).
function Div(div)
  if not div.classes:includes("rc-if-content") then return nil end
  for _, block in ipairs(div.content) do
    if block.t ~= "Header" then return div.content end
  end
  return {}
end
