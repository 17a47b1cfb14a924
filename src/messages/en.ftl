# kepu's messages in English. Every id here is in zh.ftl too (a test
# compares them). { $name } is filled in by the code.

## The reporter: how problems and their counts are printed

error = error
warning = warning
# { $severity } is `error` or `warning` above; { $text } the place and message.
problem = { $severity }: { $text }
hint-line = hint: { $hint }
count = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
# One line for the rest of a group of the same problem: { $what } is the
# message they share, { $files } a few of their files.
more-of-kind = … and { $count } more of the same ({ $what }) in { $file-count ->
    [one] 1 file
   *[other] { $file-count } files
}: { $files }
more-files = { $files } and { $count } more
list-separator = {", "}
check-done = checked { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} and { $sections ->
    [one] 1 section
   *[other] { $sections } sections
}: { $count }
warnings-fail = failed: --deny-warnings turns warnings into failures
problems-found = { $count ->
    [one] 1 problem found
   *[other] { $count } problems found
}
rebuild-superseded = interrupted by newer changes

## Kinds of problem, as a group's summary line names them (kind-CODE)

kind-unknown-key = unknown keys
kind-wrong-type = values of the wrong type
kind-broken-link = links to pages that do not exist
kind-missing-anchor = links to headings that do not exist
kind-missing-alt = images without alt text
kind-missing-file = images and files that do not exist

## The output folder

output-summary = wrote { $written } files, { $unchanged } unchanged, { $deleted } deleted
output-disk-full = cannot write to the output folder { $out }: the disk is full (or over its quota)
output-disk-full-hint = free some disk space and build again, or write to a larger disk with --output; { $out } was left as it was
output-read-only = cannot write to the output folder { $out }: its disk is read-only
output-read-only-hint = choose a folder that can be written with --output; { $out } was left as it was
output-name-too-long = cannot write to the output folder { $out }: the folder's name, or the path of a file in it, is too long for the system
output-name-too-long-hint = choose a shorter --output name, or move the site to a folder with a shorter path
output-busy = cannot replace the output folder { $out }: the system is using it (it is a mount point, say)
output-busy-hint = point --output at a folder inside it, e.g. { $out }/site, or unmount it
build-interrupted = the build was interrupted by { $signal }: the temporary folder was removed and the output folder is as it was
build-interrupted-after-swap = the build had finished and the new output is in place; { $signal } only interrupted the removal of the old output, which is now removed
no-signal-handler = cannot listen for Ctrl-C ({ $error }): if the build is interrupted, a temporary folder may be left beside the output folder; the next build removes it
leftovers-removed = removed { $count } temporary folders left by interrupted builds: { $names }
output-protected = cannot write the site to { $out }: it { $what }, and a build replaces it whole with the new output (--force too)
output-protected-hint = choose an output folder of its own, e.g. --output public
output-holds-site = holds the whole site
output-is-source = is the site's source folder { $folder }/ (or inside it)
output-holds-config = holds { $file }: it is the root folder of a site
output-holds-home = is the home folder (or holds it)
output-refused = refusing to write to { $out }: it { $why }
output-symlink = is a symbolic link (to { $target })
output-symlink-hint = pass the folder it points to with --output, so that kepu replaces that folder, not the link
output-is-root = is the site root
output-is-root-hint = choose a folder inside it, e.g. --output public
output-is-file = is a file, not a folder
output-is-file-hint = remove it or choose another --output
output-not-kepus = already exists and was not created by kepu
output-not-kepus-hint = choose another --output, or pass --force to replace it

## kepu build: progress and the summary after it

progress-reading = reading content
progress-rendering = rendering { $pages } pages
progress-writing = writing { $files } files
build-force-replacing = --force: replacing { $folder } and everything in it
build-done = built { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} and { $sections ->
    [one] 1 section
   *[other] { $sections } sections
}: { $files } files in { $output } ({ $ms } ms)
photos-encoded = encoded { $count } photo renditions (kept in { $cache } for the next build)
held-drafts = held back { $count ->
    [one] 1 draft
   *[other] { $count } drafts
} (--drafts to include)
held-scheduled = held back { $count ->
    [one] 1 scheduled page
   *[other] { $count } scheduled pages
}; the next is due { $date } (--future to include)
held-scheduled-undated = held back { $count ->
    [one] 1 scheduled page
   *[other] { $count } scheduled pages
} (--future to include)

## kepu serve: the terminal and the overlay on open pages

serve-visible = serving on { $address }: other machines on the network can see this preview
serve-built = built { $files } files in { $ms } ms
serve-ready = serving { $root } at { $url } (Ctrl-C to stop)
serve-port-busy = port { $port } is busy; serving on port { $other } instead
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-cannot-listen-hint = check --bind, or pass another --port
serve-ports-busy = ports { $first } to { $last } on { $ip } are all in use
serve-ports-busy-hint = stop the other server, or pass --port N (0 picks any free port)
serve-cannot-start = cannot start the server: { $error }
serve-cannot-hear-stop = cannot listen for Ctrl-C: { $error }
serve-cannot-watch = cannot watch the site's files, so pages will not update: { $error }
serve-updated = updated { $pages } in { $ms } ms
serve-photo-made = made { $count } renditions of { $photo } in { $ms } ms
serve-copied-only = copied files only
serve-rendered = rendered { $rendered } pages, reused { $reused }
serve-rebuilt = rebuilt in { $ms } ms ({ $work }): { $changed ->
    [one] 1 file
   *[other] { $changed } files
} changed
serve-still-serving = (still serving the last good version; fix the problem and save to update)
serve-stopped = stopped
serve-overlay-title = kepu: the site did not build (still showing the last good version)

## kepu init and kepu new

init-done = created a new site in { $folder }; build it with: kepu build --root { $folder }
init-not-empty = refusing to initialise { $folder }: the folder is not empty
init-not-empty-hint = pick a new folder name
new-schedule-not-tip = --schedule is for daily tips (one a day)
new-schedule-not-tip-hint = drop --schedule, or use `kepu new tip`
new-no-archetype = no archetype for `{ $kind }`
new-no-archetype-hint = create archetypes/{ $file } in the site or the theme: the front matter and body a new { $kind } starts with
new-exists = already exists; kepu new never overwrites a file
new-exists-hint = edit the existing file, or choose a different title

## The output plan: two outputs at one address, names no disk takes

plan-kind-page = page
plan-kind-wechat = WeChat edition
plan-kind-wechat-chart = WeChat chart
plan-kind-print = print edition
plan-kind-share-card = share card
plan-kind-section = section list
plan-kind-taxonomy-list = taxonomy overview page
plan-kind-term = tag (category) page
plan-kind-series = series page
plan-kind-calendar = calendar page
plan-kind-alias = alias redirect
plan-kind-pager = pager redirect
plan-kind-feed = feed
plan-kind-sitemap = sitemap
plan-kind-robots = robots.txt
plan-kind-not-found = 404 page
plan-kind-search-page = search page
plan-kind-search-index = search index
plan-kind-screen = big-screen page
plan-kind-tips-feed = big-screen data tips.json
plan-kind-event-calendar = event calendar file
plan-kind-events-calendar = events calendar events.ics
plan-kind-static-file = static file
plan-kind-asset = attachment
plan-kind-rendition = photo
plan-describe-file = the { $kind } `{ $file }`
plan-describe-built-in = the { $kind }
plan-describe-of = the { $kind } of `{ $file }`
plan-clash = { $what } `{ $place }` clashes with { $other }: both would be written to public/{ $path }
plan-long-segment = the address of { $what } has a part { $bytes } bytes long (“{ $start }…”), more than the { $max } bytes a disk allows
plan-long-segment-hint = choose a shorter `slug` (Chinese characters make an address long quickly, as pinyin or as UTF-8)
plan-hint-series = the two series names have the same pinyin, so their series pages have the same address: rename one of the series (add a place or a year, say)
plan-hint-page = give one of the pages another `slug`, or rename the file (folder)
plan-hint-alias = delete this alias (aliases): it would cover what is already at that address
plan-hint-term = rename the tag, or give the other page another `slug`
plan-hint-pager = rename the folder called `page`, or change `paginate_by`
plan-hint-taxonomy-list = rename the content folder, or remove this taxonomy from `taxonomies` in kepu.yaml
plan-hint-file = rename the file, or move it to another folder
plan-hint-output = give the page another `slug`, or turn this output off under `outputs` in kepu.yaml
plan-hint-search = give the page another `slug`, or write `search: false` in kepu.yaml to turn the search page off
plan-hint-built-in = give the page another `slug` (or rename the file), or turn that output off under `outputs` in kepu.yaml
plan-hint-sounds-alike = { $hint } (Chinese file names go into the address as pinyin, so names that sound alike land on the same address)
plan-or = {" or "}
plan-no-taxonomy-templates = the theme has no { $templates }, so no taxonomy pages ({ $pages }) were written
plan-no-taxonomy-templates-hint = add the templates to templates/, or set `outputs: {"{"}taxonomies: false{"}"}` in kepu.yaml

## site_info: the footer of a public site

site-info-file-missing = site_info.{ $key } names { $file }, which is no file of the site
site-info-file-missing-hint = put the picture at static/{ $file } (or beside the content as content/{ $file })

## How YAML is written (front matter and kepu.yaml)

yaml-colon = a value contains a `: ` (colon and space), which YAML reads as a new key
yaml-colon-hint = put the value in double quotes: { $key }: "{ $value }"
yaml-indented-key-hint = remove the spaces before `{ $key }:` (top-level keys start the line), or put the value of the line above in double quotes
yaml-tab = a tab character in the front matter
yaml-tab-hint = YAML does not allow tabs: indent with spaces
yaml-unclosed-quote = a quoted value is never closed
yaml-unclosed-quote-hint = end the value with the same quote mark on the same line, e.g. title: "科普知识"
yaml-reserved-character = a value starts with a character YAML reserves (`@`, `` ` ``, `%`)
yaml-too-deep = the values are nested too deeply
yaml-too-deep-hint = front matter needs a few levels of lists and keys at most; flatten the nesting
yaml-alias-bomb = the YAML aliases (`*name`) expand to too much data
yaml-alias-bomb-hint = write the values out instead of repeating `*name` references
yaml-alias-lines = { $message } (the aliases are used on lines { $first }–{ $last })
yaml-control-character = the front matter contains an invisible control character
yaml-control-character-hint = retype the line; such characters come with text pasted from Word or a web page
yaml-not-one-block = the front matter is not one block of `key: value` lines
yaml-not-one-block-hint = start every key at the beginning of its line, and use `---` only as the two fences
yaml-unclosed-list = a list `[` or map `{"{"}` is never closed
yaml-unclosed-list-hint = close it on the same line, e.g. tags: [健康, 安全]; put a value containing `,`, `[` or `]` in double quotes
yaml-broken-line = the YAML syntax of this line is broken
yaml-broken-line-hint = put a value with quotes, `: `, `[`, `]` or `,` in quotes (title: '他说"你好"'), close every `[` with `]`, and line keys up with spaces
yaml-not-key-value-line = a line is not `key: value`
yaml-not-key-value = the front matter is not `key: value` lines
yaml-full-width-colon-hint = write a half-width colon and a space after the key (`{ $key }: …`), not the full-width `：`
yaml-space-after-colon-hint = put a space after the colon: `{ $key }: …`
yaml-one-per-line-hint = write one `key: value` per line, e.g. `title: 冬季如何预防流感`

## Keys and values (front matter and kepu.yaml)

key-unknown = unknown key `{ $key }`
key-unknown-in = unknown key `{ $key }` in `{ $parent }`
known-keys = known keys are: { $keys }
did-you-mean = did you mean `{ $word }`?
key-of-other-generators = `{ $key }` is what other generators call it; kepu's key is `{ $ours }`
key-missing = missing required key `{ $key }`
key-missing-in = missing required key `{ $key }` in `{ $parent }`
key-missing-hint = add a line `{ $key }: …` to the front matter
key-twice = duplicate key `{ $key }`
key-twice-hint = keep only one `{ $key }:` line
value-unknown = `{ $key }`: unknown value `{ $value }`
value-one-of = write one of: { $words }
value-wrong = expected { $expected } here, not { $found }
value-wrong-of = `{ $key }` should be { $expected }, not { $found }
value-problem = `{ $key }`: { $problem }
type-text = text
type-list = a list
type-yes-no = yes or no (true or false)
type-count = a whole number of 0 or more
type-whole-number = a whole number
type-number = a number
type-fields = a group of `name: value` lines
found-yes-no = the yes/no value `{ $value }`
found-whole-number = the whole number `{ $value }`
found-number = the number `{ $value }`
found-text = the text { $value }
found-list = a list
found-fields = a group of `name: value` lines
found-nothing = nothing (an empty value)
hint-quote = put the value in double quotes
hint-list = write a list, e.g. `tags: [健康, 安全]`
hint-yes-no = only `true` and `false` are yes/no values in YAML; `yes`, `no`, `on`, `off` and a quoted "true" are text
hint-whole-number = write a whole number without quotes, e.g. `weight: 3` (counts are 0 or more)
hint-number = write a number without quotes, e.g. `1.5`
hint-fields = write `name: value` lines below it, indented by two spaces

## Content files (content/)

content-folder-missing = the content folder does not exist
content-folder-missing-hint = create content/_index.md, or run `kepu init DIR` for a working example
leftovers-skipped = skipped { $count } files left by editors or merge tools (not published): { $files }
site-folder-unreadable = cannot read the site folder: { $error }
folder-unreadable = cannot read: { $error }
folder-unreadable-hint = let kepu read it, e.g. `chmod a+rx` on the folder (and `a+r` on its files)
file-unreadable = cannot read the file: { $error }
file-unreadable-hint = let kepu read it, e.g. `chmod a+r` on the file (and `a+rx` on its folders)
text-too-large = the file is { $size } MB; kepu reads text files of up to { $max } MB
text-too-large-hint = split the text into several pages; images, videos and downloads go beside the page as their own files, not inside the Markdown
text-not-utf8 = the file is not valid UTF-8 text
text-utf16-hint = it is saved as UTF-16; save it with UTF-8 encoding (in most editors: “Save with encoding” → UTF-8)
text-gbk-hint = it may be saved as GBK/GB2312, common in older Chinese editors; save it with UTF-8 encoding (in most editors: “Save with encoding” → UTF-8)
link-outside-site = points outside the site (to { $target })
link-outside-site-hint = kepu reads only files inside the site: copy the file or folder in instead of linking to it
link-broken = broken symbolic link: what it points to does not exist
link-broken-hint = remove the link, or make it point to an existing file inside the site
link-unfollowable = cannot follow the symbolic link: { $error }
link-unfollowable-hint = a link that leads back to itself is a loop: remove it or point it at a real file
link-loop = symbolic link loop: it leads back to { $ancestor }
link-loop-hint = remove the link; a folder cannot contain itself
name-file = file
name-folder = folder
name-not-utf8 = the { $what } name `{ $bytes }` is not UTF-8, so it cannot be part of an address; the { $what } was left out
name-not-utf8-gbk = the { $what } name `{ $bytes }` is not UTF-8 (read as GBK, as old Windows archives write names, it is “{ $gbk }”), so it cannot be part of an address; the { $what } was left out
name-not-utf8-gbk-hint = rename it to “{ $gbk }” (type the name again); the names of a whole archive come out right when it is unpacked with `unzip -O GBK archive.zip`, or renamed with `convmv -f gbk -t utf8 -r --notest content/`
name-not-utf8-hint = rename it (type the name again); names that come out garbled are often from an old Windows archive: unpack it with `unzip -O GBK archive.zip`
other-markdown = this file looks like Markdown, but its extension is not a lower-case .md, so kepu does not make it a page
other-markdown-hint = rename it to { $stem }.md; kepu does not copy it into the site as it is
front-matter-missing = the file does not start with front matter
front-matter-missing-hint = start the file with a line `---`, then `title: "…"`, then another `---`
front-matter-toml-hint = kepu reads YAML front matter between `---` lines, not TOML between `+++`: write `---`, then `title: "…"`, then `---`
front-matter-unclosed = the front matter is never closed
front-matter-unclosed-hint = add a line `---` after the last front-matter line
title-empty = the title is empty
title-empty-hint = write the title after `title: `; put a title that starts with `#` in double quotes (YAML reads `#` as a comment)
title-invisible = the title has only invisible characters (zero-width spaces and the like): the page would show a blank title
title-invisible-hint = write a title one can see; these characters often come along when a title is copied from a web page or a chat app
value-invalid = invalid `{ $key }`
term-no-letters = `{ $term }` in `{ $key }` has no letters or digits
term-no-letters-hint = each term becomes a page of its own; write words, e.g. `{ $key }: [健康, 安全]`
term-twice = `{ $term }` is written more than once in `{ $key }`
term-twice-hint = delete the repeated one: write each tag (or category) once
updated-before-date = `updated` ({ $updated }) is before `date` ({ $date }): a page is not updated before it is published
updated-before-date-hint = check whether the two dates are swapped: date is when the page was first published, updated when it was last changed
alias-invalid = invalid alias `{ $alias }`
alias-example = write a path of this site, e.g. `aliases: [/old/path/]`
alias-full-address = an alias is a path of this site, not a full address; { $example }
alias-bad-escapes = the %-escapes are not valid UTF-8; { $example }
alias-other-site = an alias starting with // is the address of another site, not a path of this one; { $example }
alias-scheme = an alias is a path of this site, not an address like `{ $scheme }:` (javascript:, mailto: and data: are all refused); { $example }
alias-bad-segment = an alias cannot be the home page or contain `//`, `.`, `..`, `?`, `#` or `\`; { $example }

## Dates and periods

date-year-out-of-range = the year { $year } is not between { $first } and { $last }, most likely a typo; write a date like 2024-06-25
now-variable-not-a-date = the environment variable { $variable } is not a date, so kepu cannot take it as today; unset it to use the real date
date-not-a-date = `{ $text }` is not a date; write 2024-06-25, 2024-06-25 08:30 or 2024-06-25T08:30:00+08:00
date-bad-offset = `{ $written }` is not a time-zone offset; write it like +08:00, or leave it out (Beijing time)
date-no-such-offset = the time-zone offset `{ $written }` does not exist: the world's time zones lie between -12:00 and +14:00; Beijing time is +08:00, or write no zone
period-hint = write a year (2024), a half (2024-H1), a quarter (2024-Q3), a month (2024-03), or `from:` and `to:` dates
period-not-a-period = `{ $text }` is not a period; { $hint }
period-backwards = the period ends ({ $to }) before it starts ({ $from }); swap `from` and `to`

## Events

event-ends-before-start = the event ends ({ $end }) before it starts ({ $start })
event-ends-before-start-hint = swap `start` and `end`, or fix the date
event-material-unnamed = an item of `event.materials` has no name
event-material-unnamed-hint = name what was handed out, e.g. materials: {"{"}科普手册: 6000{"}"}
event-series-empty = `event.series` is empty
event-series-empty-hint = name the series, e.g. series: 学雷锋i科普; if the event belongs to none, delete the line
event-count-not-decimal = the count `{ $written }` is not a decimal number
event-count-not-decimal-hint = write sessions, participants and counts of materials as decimal numbers, e.g. 16; YAML reads 0x10 as 16 and 0o20 as 16
event-count-too-large = `{ $key }` is { $count }, beyond any real event (at most { $max }, one billion)
event-count-too-large-hint = check for extra digits: no event has more than a billion sessions, participants or materials

## kepu.yaml

config-missing = no site configuration found
config-missing-hint = run kepu in a site folder, pass --root DIR, or create one with `kepu init DIR`
config-base-url-invalid = invalid base_url `{ $url }`
config-preview-url-invalid = invalid preview address `{ $url }`
config-alias-taxonomy-unknown = { $key } names `{ $taxonomy }`, which is not in `taxonomies`
config-alias-taxonomy-unknown-hint = write aliases for { $taxonomies }, e.g. `{ $key }: { $example }`
config-alias-invalid = invalid alias `{ $alias }` of { $owner }
config-base-url-not-full = write a full address such as https://example.org/ or https://example.org/kexie/
config-base-url-scheme = base_url must start with http:// or https://
config-base-url-character = base_url cannot contain quotes, <, >, backslashes, braces or control characters (here: `{ $character }`): it is written into every page's links; write a plain address such as https://example.org/kexie/ (when CI builds a preview address from a branch name, reduce the name to letters, digits and - first)
config-base-url-host = base_url needs a host name and no spaces, e.g. https://example.org/
config-base-url-credentials = base_url cannot hold a user name or password (user:pass@): it would appear in every page's links; remove the @ and what comes before it
config-base-url-query = base_url cannot have a query (?) or fragment (#)
config-reading-speed-zero = reading_speed must be above 0
config-reading-speed-zero-hint = the defaults are `reading_speed: {"{"}cjk: 400, latin: 200{"}"}` (characters and words per minute)
config-synonyms-too-few = each group of synonyms needs at least two words: { $group }
config-synonyms-too-few-hint = e.g. `search: {"{"}synonyms: [[台风, 颱風, 热带风暴]]{"}"}`
config-max-output-zero = max_output_mb must be above 0
config-max-output-zero-hint = it is the largest file a template may write (MB), 50 by default
config-theme-not-a-folder = theme `{ $theme }` is not the name of a folder in themes/
config-theme-not-a-folder-hint = theme names a theme folder in themes/ only, e.g. theme: kepu; no /, \ or .., and the theme sits in the site's themes/
config-taxonomy-unknown = unknown taxonomy `{ $name }`
config-taxonomy-unknown-hint = pages can be grouped by tags and categories; list some of them, e.g. `taxonomies: [tags]`
config-at-least-one = must be 1 or more
config-search-expected = true, false or options such as {"{"}synonyms: [[台风, 颱風]]{"}"}
config-cjk-spacing-expected = `true`, `false`, or the words to keep as written: `{"{"}keep: [i科普]{"}"}`

## Photos

photo-heic = this is a HEIC/HEIF photo (the iPhone's default format), which neither browsers nor kepu can use as it is
photo-heic-hint = export it as JPEG on the phone or computer before putting it in the site (iPhone: Settings → Camera → Formats → Most Compatible; Preview on a Mac: File → Export → JPEG)
photo-unsupported = images in { $format } format are not supported
photo-unsupported-hint = export photos as JPEG, and charts and screenshots as PNG, before putting them in the site
photo-undecodable = the image cannot be decoded ({ $reason })
photo-undecodable-hint = the file may be damaged or not fully downloaded: export it again as JPEG or PNG and replace it
photo-not-an-image = not an image file kepu recognises
photo-truncated = the photo is incomplete: the file stops part-way (perhaps it was not fully downloaded or copied)
photo-truncated-hint = export the photo again (as JPEG) from the phone, camera or chat, and replace it
photo-too-large = the image is too large ({ $width }×{ $height } pixels), beyond the { $megapixels } megapixels kepu can handle
photo-too-large-hint = shrink the image to at most 6000 pixels on its long side before putting it in the site
photo-encode-failed = the image cannot be encoded ({ $reason })
photo-encode-failed-hint = export the image again as JPEG and try again
photo-changed-meanwhile = the photo changed while kepu was processing it (after its size was read)
photo-changed-meanwhile-hint = wait until the photo is fully saved or copied, then build again (kepu serve processes it again by itself)
photo-large = the photo is very large ({ $width }×{ $height } pixels, { $megabytes } MB): it was processed, but it slows down every full build
photo-large-hint = shrink the photo to at most 4000 pixels on its long side before putting it in the site; readers will not see the difference

## Other editions (WeChat, print, share card)
wechat-missing-charts = the page calls `chart` { $planned } times, but its WeChat edition has { $found } charts to draw as pictures
wechat-missing-charts-hint = the theme's shortcodes/chart.html must draw each chart as one <svg { $mark }> (the WeChat editor drops SVG, so kepu makes a PNG of it)
share-card-failed = cannot make the share card: { $reason }
share-card-slug-hint = use a shorter `slug`
wechat-chart-failed = cannot draw a chart of the WeChat edition: { $reason }
wechat-edition-failed = cannot make the WeChat edition: { $reason }
wechat-edition-failed-hint = check the theme's { $template } for unbalanced tags

## Templates (the theme's and the site's)

template-error = template error: { $message }
template-caused-by = caused by: { $cause }
template-while-rendering = while rendering { $file }
template-not-found = template `{ $name }` not found{ $causes }
template-not-found-hint = create templates/{ $name } in the site or the theme, or name an existing template; available: { $names }
template-extends-itself = template `{ $tpl }` extends itself ({ $chain })
template-extends-itself-hint = a template extends another, more general one (e.g. base.html): change or remove this `{"{"}% extends %{"}"}`
template-includes-itself = template `{ $tpl }` includes itself ({ $chain })
template-includes-itself-hint = remove one `{"{"}% include %{"}"}` of the loop
template-missing-parent = template `{ $current }` extends `{ $parent }`, which does not exist
template-missing-parent-hint = extend an existing template; available: { $names }
template-hint-filter = check the spelling; kepu adds `date` to Tera 2's built-in filters (see the theme reference in the README)
template-hint-function = check the spelling; kepu adds get_page, get_section and url_for to Tera 2's functions
template-hint-include = create the included template, or fix its name
template-hint-block = define the block in the template this one extends, or fix the block's name
tera-unknown-filter = Unknown filter `{ $name }`
tera-unknown-function = Unknown function `{ $name }`
tera-field-undefined = Field `{ $name }` is not defined
component-calls-itself = the component `{ $component }` calls itself, so rendering would nest without end
component-calls-itself-hint = remove the <{ $component } …/> inside the component `{ $component }`, or call it only under a condition ({"{"}% if %{"}"})
components-call-each-other = the template's components call each other, so rendering would nest without end
components-call-each-other-hint = find the components that call each other (<name …/>) and remove one of the calls
theme-not-found = theme `{ $theme }` not found at { $folder }
theme-not-found-hint = set `theme:` to a folder under themes/, or add a templates/ folder to the site
wechat-stylesheet-missing = wechat.stylesheet `{ $name }` is not a static file of the theme or the site
wechat-stylesheet-missing-hint = name a CSS file under static/ or themes/{ $theme }/static/, e.g. `wechat: {"{"}stylesheet: css/style.css{"}"}`, or switch the edition off with `outputs: {"{"}wechat: false{"}"}`

## Links, images and files

link-to-nothing = link to a page that does not exist: { $target }
link-to-nothing-hint = internal links name a file under content/, e.g. [文字](@/tips/drink-water.md)
link-to-draft = link to { $target }, which is a draft (build with --drafts to include it)
link-to-scheduled = link to { $target }, which is scheduled for a later date (build with --future to include it)
link-to-failed-file = link to { $target }, a file with errors of its own (see above)
slug-empty = this page's name gives an empty URL segment
slug-empty-hint = give the page a `slug:` of letters or digits in its front matter, or rename the file
page-url-unusable = this page's URL { $path } has an empty, `.` or `..` part (from { $origin })
page-url-from-slug = its `slug`
page-url-from-file-name = its file name
page-url-unusable-hint = give the page a `slug` with letters or digits, e.g. `slug: drink-water`
section-url-unusable = this section's URL { $path } has an empty, `.` or `..` part
section-url-unusable-hint = rename the folder to a name with letters or digits
link-in-output-hint = internal links name a file under content/, e.g. @/tips/drink-water.md
output-not-made = cannot write { $file }: { $reason }
image-unreadable = cannot read the image: { $reason }
output-too-large = template `{ $template }` wrote a file for { $source } larger than the { $limit } MB limit
output-too-large-hint = check the template's loops (e.g. the end of a range) for a mistake; when a larger file is really needed, raise max_output_mb in kepu.yaml (in MB, 50 by default)
serve-host-refused = kepu serve only answers requests to this computer (http://127.0.0.1:{ $port }/ or http://localhost:{ $port }/), and the Host received is { $host }: so other websites cannot read your preview through DNS rebinding; open the address above.
serve-host-none = (none)
jpeg-too-large = JPEG width and height cannot exceed 65535 pixels
image-widths-invalid = widths must list at least one width between 16 and 8192, e.g. [480, 960, 1600]
image-quality-invalid = quality must be between 1 and 100 (80 suits photos)
image-formats-invalid = formats lists webp and/or jpeg (PNG originals keep a PNG fallback by themselves)
site-not-loaded = the site did not load
watch-failed = watching files: { $reason }
watch-new-folder-failed = cannot watch a new folder: { $reason }
term-alias-unused = no page names `{ $term }` in `{ $taxonomy }`, so its old addresses ({ $aliases }) redirect nowhere
term-alias-unused-hint = fix the term's spelling under `term_aliases`, or remove it
qr-failed = cannot make a QR code of { $url }: { $reason }
screen-section-unknown = screen.section `{ $name }` is not a section of the site
screen-section-unknown-hint = name a folder of content/ that has an _index.md: { $folders }
figures-in-template = figures: { $message }; { $hint }
template-url-for-missing = url_for: no content file `{ $file }` (paths are relative to content/)
template-taxonomy-not-written = get_taxonomy: this build writes no `{ $kind }` pages (see `taxonomies` and `outputs` in kepu.yaml)
template-taxonomy-unknown = no taxonomy `{ $kind }`: kinds are { $kinds }
template-nothing-at = { $function }: nothing at `{ $path }` (give the path under content/, e.g. "tips/_index.md" or "tips/drink-water.md")
template-figure-unknown = figure: no figure `{ $name }`; figures are { $names }
anchor-missing = { $target } has no heading with id `{ $anchor }`
anchor-missing-here = this page has no heading with id `{ $anchor }`
anchor-missing-hint = heading ids are the heading text (e.g. #科学解释) or the {"{"}#id{"}"} you give it; an id="…" written in HTML counts too
image-no-alt = the image { $src } has no alt text
image-no-alt-hint = describe the image between the brackets, ![like this](poster.jpg): screen readers read it out, and it shows when the image does not load
the-image = the image
the-link = the link
file-outside-site = { $what } { $url } points outside the site (its base path is { $base })
file-outside-site-hint = write a path relative to the page, or one starting with the base path
file-missing = { $what } { $url } names { $path }, which is not part of the built site
file-missing-hint = put the file beside the page in a page bundle (a folder with index.md), elsewhere under content/, or in static/
file-missing-beside-hint = the page is served at { $page }, so relative paths start there; the file is at { $found }: write ../{ $url }, or make the page a bundle (a folder with index.md and its files)
cover-missing = the cover `{ $cover }` names { $path }, which is not part of the built site
cover-missing-hint = a page bundle's (a folder with index.md) cover is a file name in the bundle, e.g. cover: cover.jpg; any other page's is a path from the site's root, e.g. cover: /images/cover.jpg (the file in static/images/)

## Other generators' syntax

foreign-tag = this is another site generator's syntax (Hugo, Hexo or Jekyll), which kepu shows as text: { $tag }
foreign-tag-image = write an image as ![description](picture.jpg); in a page bundle (a folder with index.md), the file name alone
foreign-tag-link = write an internal link as [text](@/section/file.md)
foreign-tag-code = put code in a code block: a line ```language before it, a line ``` after it
foreign-tag-note = write a note box the GitHub way: > [!NOTE] (or TIP, WARNING), then lines starting with >
foreign-tag-baseurl = Jekyll's `{"{{"} site.baseurl {"}}"}` is not needed in kepu: write images and files as paths relative to the page (e.g. ![caption](photo.jpg)) and internal links as [text](@/section/file.md); kepu adds the base_url itself
foreign-tag-site-variable = Jekyll's `{"{{"} site.… {"}}"}` variables are not read in Markdown: write the value itself (templates have `{"{{"} config.… {"}}"}`)
foreign-tag-import = `kepu import { $generator }` converts these; or write kepu's shortcode {"{{"} name(key="value") {"}}"}
shortcode-as-text-hint = to show {"{{"} … {"}}"} as text, write {"{{"}/* … */{"}}"}
shortcode-example = write it as {"{"}{"{"} name(key="value") {"}"}{"}"}, e.g. {"{"}{"{"} stat(name="sessions") {"}"}{"}"}
shortcode-block-example = write a block as {"{"}% name(key="value") %{"}"} … {"{"}% end %{"}"}, e.g. {"{"}% rumor(claim="…") %{"}"}真相……{"{"}% end %{"}"}
shortcode-literal-unclosed = `{ $open }/*` is never closed
shortcode-literal-unclosed-hint = end the literal shortcode with `{ $ending }` on the same line
shortcode-end-malformed = malformed `{"{"}% end %{"}"}`: expected `%{"}"}`
shortcode-end-mismatch = `{"{"}% end { $closes } %{"}"}` does not match the open block `{ $block }` (opened { $lines } lines above)
shortcode-end-mismatch-hint = close `{ $block }` first with `{"{"}% end %{"}"}`, or fix the name
shortcode-block-unclosed = the shortcode block `{ $block }` is never closed
shortcode-block-unclosed-hint = end it with `{"{"}% end %{"}"}` after its body ({ $example })
shortcode-malformed = malformed shortcode `{ $name }`: { $problem }
shortcode-expected-paren = expected `(` after its name
shortcode-expected-argument = expected an argument name or `)`
shortcode-expected-equals = expected `=` after `{ $key }`
shortcode-expected-comma = expected `,` or `)` after argument `{ $key }`
shortcode-expected-close = expected `{ $close }` after `)`
shortcode-argument-problem = argument `{ $key }` { $problem }
shortcode-quote-unclosed = has a quote that is never closed on its line
shortcode-value-kind = needs a value in double quotes, a whole number, true or false
shortcode-argument-twice = shortcode `{ $name }` has argument `{ $key }` twice
shortcode-hints = { $first }; { $second }
shortcode-unknown = unknown shortcode `{ $name }`
shortcode-did-you-mean = did you mean `{ $near }`?
shortcode-none-in-theme = the theme has no shortcodes; add templates/shortcodes/NAME.html
shortcode-known = known shortcodes: { $names } (or add templates/shortcodes/{ $name }.html)
shortcode-unknown-argument = unknown argument `{ $key }` of shortcode `{ $name }`
shortcode-takes = `{ $name }` takes: { $keys }
shortcode-did-you-mean-takes = did you mean `{ $near }`? { $takes }
chart-unknown-kind = unknown chart kind `{ $kind }`
chart-kinds = kinds: { $kinds }
video-example = e.g. {"{"}{"{"} video(bilibili="BV1GJ411x7h7", title="…") {"}"}{"}"}, {"{"}{"{"} video(tencent="vid") {"}"}{"}"} or {"{"}{"{"} video(src="clip.mp4", poster="clip.jpg") {"}"}{"}"}
video-none = the shortcode `video` needs the video: bilibili=, tencent= or src=
video-several = the shortcode `video` takes one video: only one of bilibili=, tencent= and src=
video-not-an-id = `{ $source }="{ $id }"` is not a { $what }
video-not-an-id-hint = copy the id from the video's address, { $example }
video-bilibili-id = Bilibili BV id (BV and letters and digits)
video-tencent-id = Tencent Video vid (letters and digits)
video-not-bv = `bilibili="{ $id }"` is not a BV id
video-not-bv-hint = Bilibili ids start with BV, as in https://www.bilibili.com/video/BV1GJ411x7h7/
question-example = e.g. {"{"}% question(text="“能量水”能治病吗？", a="能", b="不能", answer="b") %{"}"}解析……{"{"}% end %{"}"}
question-no-text = the shortcode `question` needs the question: text="…"
question-options = a question needs at least two options named a=, b=, … in order (this one has { $given })
question-no-options = none
question-answer = the right answer must be one of the options: answer="{ $keys }"
# { $what } as the code names it: series, category, recaps, materials, stats.
figures-what = { $what }
figures-not-a-recap = `{ $page }` is not an event recap
figures-recap-outside-period = the recap `{ $page }` starts on { $start }, outside the period { $period }
figures-recap-outside-period-hint = pass a `period` that holds it, or cite a recap of this period
figures-unknown-name = no event recap has { $what } `{ $name }`
figures-none-yet = no event recap names any { $what } yet
figures-known = known { $what }: { $names }
figures-unknown-material = no event recap lists the material `{ $material }`
figures-unknown-stat = unknown stat `{ $name }`
figures-cannot-group = cannot group by `{ $name }`
figures-group-by = group by one of: { $names }
figures-bad-period = invalid `period` argument
figures-bad-period-hint = { $hint }, or `all`
shortcode-end-alone = `{"{"}% end %{"}"}` closes no block: no `{"{"}% name(…) %{"}"}` is open here
shortcode-end-alone-hint = remove it, or open the block it should close before it
shortcode-while-expanding = while expanding the shortcode `{ $name }` at { $file }:{ $line }
figures-needs-argument = shortcode `{ $name }` needs the argument `{ $key }`
figures-example-stat = e.g. {"{"}{"{"} stat(name="sessions") {"}"}{"}"} or {"{"}{"{"} stat(name="materials.科普手册") {"}"}{"}"}
figures-example-stats-table = e.g. {"{"}{"{"} stats_table(group_by="series") {"}"}{"}"}
figures-example-chart = e.g. {"{"}{"{"} chart(kind="bar", of="sessions", by="month") {"}"}{"}"}
figures-no-period = this page has no `period` to count figures in
figures-no-period-hint = add `period: 2024-H1` to the front matter, or pass period="2024" (or period="all")

# audit

audit-empty-column = the column “{ $column }” has no pages
audit-empty-column-hint = inspections fail an empty column: publish something in it, or remove it
audit-stale-column = the column “{ $column }” has had no new page for { $days } days (the newest is dated { $date }), more than { $limit }
audit-stale-column-hint = inspections fail a column left without updates: publish something new; the number of days is audit: {"{"}stale_days: { $limit }{"}"} in kepu.yaml
audit-missing-date = a published page without a date
audit-missing-date-hint = write its date in the front matter, e.g. date: 2024-06-25; a page that is no article (the accessibility statement) takes extra: {"{"}unlisted: true{"}"}
audit-missing-attribution = the page lacks the attribution { $fields }
audit-missing-attribution-hint = the site asks every article for these (audit.require in kepu.yaml): add them to the front matter, e.g. { $key }: 张敏
audit-wrong-word = “{ $wrong }” is a wrong form: write “{ $right }”
audit-wrong-word-hint = change it to “{ $right }” (the list of wrong forms is audit.words in kepu.yaml)
audit-link-unreachable = the external link { $url } does not open: { $reason }
audit-link-refused = the site refused the connection
audit-link-no-host = no such site (the name does not resolve)
audit-link-gone = the page the external link { $url } names is gone ({ $status })
audit-link-dead-hint = check the address; if the page is gone, remove the link or put its new address
audit-link-slow = the external link { $url } gave no answer within { $seconds } seconds
audit-link-slow-hint = the site may be in trouble for now: check again later; if it stays so, consider replacing the link
audit-link-server-error = the site of the external link { $url } failed ({ $status })
audit-link-moved = the external link { $url } has moved for good to { $location }
audit-link-moved-hint = change the link to its new address: { $location }

# import

## kepu import: what the report asks an editor to look at

import-duplicate-key = `{ $key }` is written twice in the front matter and this value is not used: as the old generator read it, the later one wins; please confirm
import-link-unresolved = the link `{ $target }` names no post (it was dead on the old site too): its words are kept, the link is gone
import-pagers-kept = { $count } pager addresses of the old site (such as { $example }) redirect to the first page of their list
import-link-guessed = `{ $old }` was broken on the old site; its name finds `{ $new }`, which it now points to: please confirm
import-dest-not-empty = the destination folder { $dest } is not empty
import-dest-not-empty-hint = name a new folder instead: kepu import creates it
import-dest-inside-source = the destination folder { $dest } is inside the old site
import-dest-inside-source-hint = importing never changes the old site: put the destination outside its folder
import-no-config = no { $kind } configuration file ({ $names }) in { $source }
import-no-config-hint = SOURCE should be the root folder of the old site
import-unreadable = cannot read { $path }: { $reason }
import-bad-config = { $path }: the configuration file has a mistake: { $reason }
import-bad-config-hint = check that the old generator builds it first, then import
import-no-wechat-page = { $path } has no WeChat article body (#js_content): not imported
import-no-wechat-page-hint = open the article in a browser, save it with “Save as → Web page, complete”, then import the saved .html file
import-no-wechat-pages = { $path } has no .html files
import-no-wechat-pages-hint = name the saved article pages, or the folder they are in
import-section-name = the section name `{ $section }` cannot be a folder name
import-section-name-hint = use letters, digits and -, e.g. events
import-unknown-shortcode = { $what } `{ $name }` cannot be converted: it is kept as written in a code block marked “导入待处理”; please rewrite it by hand
import-bad-front-matter = the front matter cannot be read: { $reason }; it is kept as written in a code block at the start of the body
import-bad-date = `{ $key }: { $value }` is not a date kepu can read: moved to extra.{ $key }
import-title-from-file-name = no title: the file name “{ $title }” is used as the title
import-bundle-markdown-left-out = this Markdown file in a page folder is a page resource of the old generator; kepu would make it an article of its own, so it was not copied: merge its text into the article if it is needed
import-alias-taken = the old address { $alias } is taken by another post: this one no longer redirects from it
import-language-left-out = the old site has several languages: only the default one, { $chosen }, was imported; { $count } pages in { $language } were not (a kepu site has one language){ $pages }
import-language-pages = : { $pages }
import-permalink-unknown = the post's old address cannot be worked out: { $token } in the permalink `{ $pattern }` has no value in the post (Hexo's :id, made anew on every build, cannot be recovered), so no redirect from it was kept: if you know the old address, add it to aliases
import-redirect-not-kept = the old address { $old } redirected to { $target }; kepu redirects only to pages it imported, so this redirect was not kept: set it up on the web server, or point it at a page of the site
import-gist-as-link = the gist became a link to GitHub Gist
import-iframe-as-link = the embedded page (iframe) became a plain link
import-video-as-link = the { $what } video became a plain link (it can become a video block later)
import-menu-flattened = the menu has { $count } sub-items; kepu's menu has one level, so they follow their parents in order
import-taxonomy-dropped = kepu has no pages for the taxonomy `{ $name }`: each post's values are in extra.{ $name }
import-time-zone-assumed = the old site names no time zone: dates without one are read as { $zone }
import-time-zone = dates without a time zone are read in the old site's time zone, { $zone }
import-zola-time-zone = dates without a time zone are read as UTC (as Zola reads them)
import-terms-dropped = { $count } empty tags or categories were removed
import-term-urls = tag and category pages now have kepu's pinyin addresses (/tags/jian-kang/); { $count } old addresses (such as /tags/健康/) redirect to them, listed under term_aliases in kepu.yaml
import-nested-categories = the nested categories of { $count } posts became side-by-side categories
import-list-page-left-out = { $file } is the old theme's list of tags or categories; kepu makes /tags/ and /categories/ itself, so it was not imported
import-wechat-site-created = the destination folder was empty: a new kepu site was made for the WeChat articles
import-wechat-noise-removed = { $file }: { $count } pieces of WeChat boilerplate removed (follow prompts, QR codes, earlier posts…)
import-wechat-captions-as-alt = { $file }: the captions under { $count } images became their alt text; the captions still show under the images
import-wechat-cover-remote = the cover { $url } is on WeChat's servers and the saved page has no copy of it (kepu downloads nothing; WeChat images often refuse other sites), so its address is in extra.wechat_cover: save the cover into the article's folder, then name it in cover
import-wechat-image-not-saved = the image { $url } was not saved locally and still points at WeChat's servers (whose images often refuse other sites): save it into the article's folder
import-base-url-placeholder = the old site names no address: kepu.yaml uses { $base_url } for now; change it to the real address before publishing

# photos
photos-read = read { $count } photo originals (the others were unchanged, by the index in { $index })
