-- Parse the writers' Markdown, which the document template hands over as literal
-- code blocks of class "rc-md", each in isolation: a note can never break the
-- document's structure; raw HTML is recognised only to be removed (with a warning),
-- raw OpenXML/TeX blocks and attributes are not read at all.

local NOTE_FORMAT = table.concat({
  "markdown",
  "-raw_attribute", "-raw_tex", "-native_divs", "-native_spans",
  "-yaml_metadata_block", "-citations", "-auto_identifiers", "-header_attributes",
  "-link_attributes", "-fenced_divs", "-bracketed_spans", "-inline_code_attributes",
  "-tex_math_dollars", "-tex_math_single_backslash", "-latex_macros",
})

-- Read back by pipeline/pandoc.py and reported against the writer's file; the
-- needle is a piece of the note's text that locates the problem's line.
-- While a note is parsed for the cache (below), its warnings are kept with it.
local KEPT = nil

local function warn(where, code, message, needle)
  local clean = (needle or ""):gsub("[\t\r\n]", " ")
  local line = "RC-WARN\t" .. where .. "\t" .. code .. "\t" .. message .. "\t" .. clean
  io.stderr:write(line .. "\n")
  if KEPT then KEPT[#KEPT + 1] = line end
end

local function unquote(s)
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

-- No SVG from writers: it may carry scripts and references to other files.
local IMAGE_TYPES = { png = "image/png", jpg = "image/jpeg", jpeg = "image/jpeg",
  gif = "image/gif" }
local MAX_IMAGE_BYTES = 10 * 1024 * 1024

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = (a << 16) | ((b or 0) << 8) | (c or 0)
    local chars = {}
    for k = 3, 0, -1 do
      local index = (n >> (6 * k)) & 63
      chars[#chars + 1] = B64:sub(index + 1, index + 1)
    end
    if not b then chars[3] = "=" end
    if not c then chars[4] = "=" end
    out[#out + 1] = table.concat(chars)
  end
  return table.concat(out)
end

-- Inspection (``check``, pipeline/stages/inspect.py): the same checks, but an image is
-- only measured and named back (code "image.utilisee"), and no blocks are returned.
local INSPECT = false

local function file_size(path)
  local handle = io.open(path, "rb")
  if not handle then return nil end
  local size = handle:seek("end")
  handle:close()
  return size
end

local function read_file(path)
  local handle = io.open(path, "rb")
  if not handle then return nil end
  local data = handle:read(MAX_IMAGE_BYTES + 1)
  handle:close()
  return data or ""
end

-- Symbolic links under sources/ that lead elsewhere, listed by the loader in the
-- document's metadata (rc-forbidden): nothing is read through them.
local FORBIDDEN = {}

local function forbidden(path)
  for _, prefix in ipairs(FORBIDDEN) do
    if path == prefix or path:sub(1, #prefix + 1) == prefix .. "/" then return true end
  end
  return false
end

-- The final edition leaves a refused image out; a draft shows a placeholder instead
-- (metadata rc-final, set by pipeline/stages/convert.py).
local FINAL = false

-- A refused image becomes a span of class rc-image-absente: its text says which image
-- and why, then its caption (once); a figure holding one becomes a placeholder box.
local function absent(src, reason, caption)
  if FINAL then return pandoc.Span({}, { class = "rc-image-absente" }) end
  -- a path leading out of the note's folder is never printed: it is not the note's data
  local named = src and ("Image absente : « " .. src .. " » " .. reason) or "Image " .. reason
  local text = pandoc.Inlines({ pandoc.Str(named) })
  if #caption > 0 then
    text:insert(pandoc.Str(" — "))
    text:extend(caption)
  end
  return pandoc.Span(text, { class = "rc-image-absente" })
end

local function absent_figure(figure)
  local found = nil
  figure:walk({ Span = function(span)
    if span.classes:includes("rc-image-absente") then found = span end
  end })
  if found == nil then return nil end
  if FINAL then return {} end
  return pandoc.Div({ pandoc.Para(found.content) },
    { class = "image-manquante", ["custom-style"] = "Image manquante" })
end

-- An image must be a relative path inside the note's own folder tree. It is put
-- into the document as a data: URL, so that neither pandoc (run with --sandbox)
-- nor WeasyPrint fetches anything, and the HTML page reads offline.
local function local_image(base, where)
  return function(img)
    local src = img.src
    local function refuse(reason, hidden)
      warn(where, "note.image", "image « " .. src .. " » " .. reason, src)
      return absent(not hidden and src or nil, reason, img.caption)
    end
    local outside = src:match("^%a[%w+.-]*:") or src:match("^/") or src:match("^\\")
      or ("/" .. src .. "/"):match("/%.%./") or forbidden(base .. "/" .. src)
    if outside or base == "" then
      return refuse("refusée : seules les images rangées à côté de la note sont acceptées", true)
    end
    local mime = IMAGE_TYPES[(src:match("%.(%w+)$") or ""):lower()]
    if not mime then
      return refuse("refusée : formats acceptés PNG, JPEG et GIF")
    end
    if #pandoc.utils.stringify(img.caption):gsub("%s", "") == 0 then
      -- an image is described for the readers who do not see it (screen readers)
      local how = "entre les crochets, ![Des enfants plantent des tomates](" .. src .. ")"
      if where:match("%.docx$") or where:match("%.odt$") then
        how = "dans Word ou LibreOffice (clic droit sur l'image › Texte de remplacement)"
      end
      local which = "image « " .. src .. " »"
      if how:match("^dans") then which = "une image" end  -- its name inside the file says nothing
      warn(where, "image.alt", which .. " sans texte alternatif : décrivez ce "
        .. "qu'elle montre " .. how .. ", pour les lecteurs qui ne la voient pas", src)
      -- meanwhile it is published as decorative (alt=""): a screen reader skips it
      -- rather than reading its file's name, and the page stays valid
      img.attributes["alt"] = ""
    end
    if INSPECT then
      local size = file_size(base .. "/" .. src)
      if size == nil then return refuse("introuvable") end
      if size > MAX_IMAGE_BYTES then return refuse("trop lourde (plus de 10 Mo)") end
      warn(where, "image.utilisee", "", base .. "/" .. src)  -- which images notes show
      return img
    end
    local data = read_file(base .. "/" .. src)
    if data == nil then return refuse("introuvable") end
    if #data > MAX_IMAGE_BYTES then return refuse("trop lourde (plus de 10 Mo)") end
    img.src = "data:" .. mime .. ";base64," .. base64(data)
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

local function drop_raw(where)
  local function drop(raw)
    warn(where, "note.html", "HTML retiré : « " .. raw.text:sub(1, 60)
      .. " » (une note s'écrit en Markdown)", raw.text:sub(1, 60))
    return {}
  end
  return { RawInline = drop, RawBlock = drop }
end

-- Links lead to the web or to an e-mail address; any other target (a local file, a
-- script) would only leak a path or run something: the text is kept, the link dropped.
local function web_link(where)
  return function(link)
    local target = link.target:lower()
    if target:match("^https?://") or target:match("^mailto:") then return nil end
    warn(where, "note.lien", "lien « " .. link.target .. " » retiré : seuls les liens web "
      .. "(https://…) et les adresses électroniques sont conservés", link.target)
    return link.content
  end
end

-- Each note's parse kept in the folder that rc-cache names (build/_ast/<version>/,
-- read back by pipeline/outputs/ast_cache.py): a block that carries an rc-key is
-- stored under that key, with the warnings its parse gave.
local CACHE = nil

local function read_forbidden(meta)
  for _, path in ipairs(meta["rc-forbidden"] or {}) do
    FORBIDDEN[#FORBIDDEN + 1] = pandoc.utils.stringify(path)
  end
  if meta["rc-cache"] then CACHE = pandoc.utils.stringify(meta["rc-cache"]) end
  meta["rc-forbidden"] = nil
  meta["rc-cache"] = nil
  INSPECT = meta["rc-inspect"] ~= nil
  meta["rc-inspect"] = nil
  FINAL = meta["rc-final"] ~= nil and pandoc.utils.stringify(meta["rc-final"]) == "true"
  meta["rc-final"] = nil
  return meta
end

local function store(key, blocks, warnings)
  local meta = { ["rc-warnings"] = pandoc.MetaList(warnings) }
  local data = pandoc.write(pandoc.Pandoc(blocks, meta), "json")
  local path = CACHE .. "/" .. key .. ".json"
  local temporary = path .. "." .. pandoc.utils.sha1(tostring({}) .. os.clock()) .. ".tmp"
  local handle = io.open(temporary, "wb")
  if not handle then return end  -- no cache folder: the parse stands, uncached
  handle:write(data)
  handle:close()
  os.rename(temporary, path)  -- atomic: two parses side by side may store the same key
end

-- A note comes twice (its chapter, its « Enseignements » in the cross-reading): it is
-- read, cleaned and its images encoded once.
local READ = {}

local function read_note(text, base, where)
  local key = where .. "\0" .. base .. "\0" .. text
  if READ[key] == nil then
    local blocks = pandoc.read(text, NOTE_FORMAT).blocks:walk(drop_raw(where))
    READ[key] = blocks:walk({ Image = local_image(base, where), Link = web_link(where),
      Figure = absent_figure })
  end
  return READ[key]
end

local function parse_fresh(block)
  local attrs = block.attributes
  local where = unquote(attrs["where"] or "")
  local blocks = read_note(block.text, unquote(attrs["base"] or ""), where)
  if attrs["section"] then
    local name = unquote(attrs["section"])
    blocks = section(blocks, name)
    if #blocks == 0 then
      warn(where, "note.section", "pas de section « ## " .. name .. " » : la note "
        .. "n'apparaît pas dans les regards croisés", "")
    end
  end
  if INSPECT then return {} end  -- only the warnings are wanted
  return shift_headings(blocks, tonumber(attrs["shift"] or "3"))
end

local function parse_note(block)
  if not block.classes:includes("rc-md") then return nil end
  local key = block.attributes["rc-key"]
  if not (key and CACHE) then return parse_fresh(block) end
  KEPT = {}
  local blocks = parse_fresh(block)
  store(key, blocks, KEPT)
  KEPT = nil
  return blocks
end

-- A cross-reading entry whose note has no such section is dropped whole, and so is
-- a theme left with no entry (inner divs are filtered first: the walk is bottom-up).
-- Headings and "rc-aside" divs (a theme's distinctive words) are not content.
-- A kept div with an id (a note's lessons: its bookmark for the review) stays a div.
local function drop_empty(div)
  if not div.classes:includes("rc-if-content") then return nil end
  for _, block in ipairs(div.content) do
    local aside = block.t == "Div" and block.classes:includes("rc-aside")
    if block.t ~= "Header" and not aside then
      if div.identifier ~= "" then return nil end
      return div.content
    end
  end
  return {}
end

-- Two passes: the metadata first (pandoc would otherwise walk the blocks first).
return {
  { Meta = read_forbidden },
  { CodeBlock = parse_note, Div = drop_empty },
}
