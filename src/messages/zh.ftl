# kepu 的中文消息。每个 id 在 en.ftl 里也有（有测试对照）。

## 报告：问题和计数如何打印

error = 错误
warning = 警告
problem = { $severity }：{ $text }
hint-line = 提示：{ $hint }
count = { $errors } 个错误，{ $warnings } 个警告
more-of-kind = …… 另有 { $count } 处同样的问题（{ $what }），在 { $file-count } 个文件中：{ $files }
more-files = { $files } 等
list-separator = 、
check-done = 检查了 { $pages } 个页面和 { $sections } 个栏目：{ $count }
warnings-fail = 未通过：--deny-warnings 把警告也算作失败
problems-found = 共发现 { $count } 个问题
rebuild-superseded = 已被更新的修改打断

## 问题的种类，分组汇总时这样称呼（kind-CODE）

kind-unknown-key = 未知字段
kind-wrong-type = 类型不对的值
kind-broken-link = 指向不存在页面的链接
kind-missing-anchor = 指向不存在标题的链接
kind-missing-alt = 没有替代文字的图片
kind-missing-file = 不存在的图片和文件

## 输出文件夹

output-summary = 写入 { $written } 个文件，未变 { $unchanged } 个，删除 { $deleted } 个
output-disk-full = 无法写入输出文件夹 { $out }：磁盘已满（或超出了磁盘配额）
output-disk-full-hint = 腾出磁盘空间后重新构建，或用 --output 写到空间更大的磁盘；{ $out } 原有的内容没有改动
output-read-only = 无法写入输出文件夹 { $out }：它所在的磁盘是只读的
output-read-only-hint = 用 --output 换一个可以写入的文件夹；{ $out } 原有的内容没有改动
output-name-too-long = 无法写入输出文件夹 { $out }：文件夹的名字或其中某个文件的路径太长，系统不接受
output-name-too-long-hint = 换一个短一些的 --output 名字，或把网站放到路径短一些的文件夹里
output-busy = 无法替换输出文件夹 { $out }：它正被系统占用（例如它是一个挂载点）
output-busy-hint = 把 --output 指向它里面的一个文件夹，例如 { $out }/site，或先卸载它
build-interrupted = 构建已被 { $signal } 中断：临时文件夹已删除，输出文件夹保持原样
build-interrupted-after-swap = 构建已完成，新的输出已就位；{ $signal } 中断的只是旧输出的删除，旧输出已删除
no-signal-handler = 无法监听 Ctrl-C（{ $error }）：构建若被中断，可能在输出文件夹旁留下临时文件夹，下次构建时会删除它
leftovers-removed = 已删除之前中断的构建留下的 { $count } 个临时文件夹：{ $names }
output-protected = 不能把网站写到 { $out }：它{ $what }，构建会用新的输出整个替换它（--force 也不例外）
output-protected-hint = 换一个单独的输出文件夹，例如 --output public
output-holds-site = 包含整个网站
output-is-source = 是网站的源文件夹 { $folder }/（或在其中）
output-holds-config = 包含 { $file }，是一个网站的根文件夹
output-holds-home = 是主文件夹（或包含它）
output-refused = 不能写入 { $out }：它{ $why }
output-symlink = 是一个符号链接（指向 { $target }）
output-symlink-hint = 用 --output 写它指向的文件夹，这样 kepu 替换的是那个文件夹，而不是这个链接
output-is-root = 是网站的根文件夹
output-is-root-hint = 选它里面的一个文件夹，例如 --output public
output-is-file = 是一个文件，不是文件夹
output-is-file-hint = 删掉它，或者换一个 --output
output-not-kepus = 已经存在，而且不是 kepu 建的
output-not-kepus-hint = 换一个 --output，或者加上 --force 替换它

## kepu build：进度和构建后的汇总

progress-reading = 正在读取内容
progress-rendering = 正在生成 { $pages } 个页面
progress-writing = 正在写入 { $files } 个文件
build-force-replacing = --force：将替换 { $folder } 和其中的全部内容
build-done = 构建了 { $pages } 个页面和 { $sections } 个栏目：{ $files } 个文件，在 { $output }（{ $ms } 毫秒）
photos-encoded = 生成了 { $count } 个照片版本（存在 { $cache }，下次构建直接使用）
held-drafts = 没有发布 { $count } 篇草稿（用 --drafts 构建才会包含）
held-scheduled = 没有发布 { $count } 个定在以后发布的页面，下一个在 { $date }（用 --future 构建才会包含）
held-scheduled-undated = 没有发布 { $count } 个定在以后发布的页面（用 --future 构建才会包含）

## kepu serve：终端里的输出和打开的页面上的提示层

serve-visible = 正在 { $address } 上预览：网络上的其他电脑也能看到这个预览
serve-built = 构建了 { $files } 个文件，用时 { $ms } 毫秒
serve-ready = 正在预览 { $root }，地址 { $url } （按 Ctrl-C 停止）
serve-port-busy = 端口 { $port } 已被占用，改用端口 { $other }
serve-cannot-listen = 无法在 { $address } 上监听：{ $error }
serve-cannot-listen-hint = 检查 --bind，或者用 --port 换一个端口
serve-ports-busy = { $ip } 上的端口 { $first } 到 { $last } 都被占用了
serve-ports-busy-hint = 先停掉另一个预览，或者用 --port N 换一个端口（0 表示任选一个空闲的端口）
serve-cannot-start = 无法启动预览：{ $error }
serve-cannot-hear-stop = 无法监听 Ctrl-C：{ $error }
serve-cannot-watch = 无法监视网站的文件，页面不会随着修改更新：{ $error }
serve-updated = 已更新 { $pages }（{ $ms } 毫秒）
serve-photo-made = 生成了 { $photo } 的 { $count } 个版本（{ $ms } 毫秒）
serve-copied-only = 只复制了文件
serve-rendered = 生成了 { $rendered } 个页面，沿用了 { $reused } 个
serve-rebuilt = 重新构建用时 { $ms } 毫秒（{ $work }）：{ $changed } 个文件有变化
serve-still-serving = （仍在显示上一次构建成功的版本；改正问题并保存后会更新）
serve-stopped = 已停止
serve-overlay-title = kepu：网站没有构建成功（仍在显示上一次构建成功的版本）

## kepu init 和 kepu new

init-done = 已在 { $folder } 新建网站；构建它：kepu build --root { $folder }
init-not-empty = 不能在 { $folder } 新建网站：这个文件夹不是空的
init-not-empty-hint = 换一个新的文件夹名
new-schedule-not-tip = --schedule 只用于每日科普（一天一篇）
new-schedule-not-tip-hint = 去掉 --schedule，或者用 `kepu new tip`
new-no-archetype = 没有 `{ $kind }` 的模板（archetype）
new-no-archetype-hint = 在网站或主题里新建 archetypes/{ $file }：写上新的 { $kind } 开头的 front matter 和正文
new-exists = 这个文件已经存在；kepu new 从不覆盖文件
new-exists-hint = 修改已有的文件，或者换一个标题

## 输出计划：两个输出落在同一个地址，磁盘不接受的名字

plan-kind-page = 页面
plan-kind-wechat = 微信版
plan-kind-wechat-chart = 微信版图表
plan-kind-print = 打印版
plan-kind-share-card = 分享图
plan-kind-section = 栏目列表
plan-kind-taxonomy-list = 分类总览页
plan-kind-term = 标签（分类）页
plan-kind-series = 系列页
plan-kind-calendar = 日历页
plan-kind-alias = 别名跳转
plan-kind-pager = 分页跳转
plan-kind-feed = 订阅源
plan-kind-sitemap = 站点地图
plan-kind-robots = robots.txt
plan-kind-not-found = 404 页面
plan-kind-search-page = 搜索页
plan-kind-search-index = 搜索索引
plan-kind-screen = 大屏页面
plan-kind-tips-feed = 大屏数据 tips.json
plan-kind-event-calendar = 活动日历文件
plan-kind-events-calendar = 活动日历订阅 events.ics
plan-kind-static-file = 静态文件
plan-kind-asset = 附件
plan-kind-rendition = 照片
plan-describe-file = { $kind } `{ $file }`
plan-describe-built-in = { $kind }
plan-describe-of = `{ $file }` 的{ $kind }
plan-clash = { $what } `{ $place }` 与{ $other }冲突：两者都要写到 public/{ $path }
plan-long-segment = { $what }的地址有一段长 { $bytes } 字节（“{ $start }…”），超过了磁盘允许的 { $max } 字节
plan-long-segment-hint = 换一个短一些的 `slug`（汉字在地址里按拼音或 UTF-8 计，很快就会变长）
plan-hint-series = 两个系列名称的拼音相同，系列页面的网址也就相同：把其中一个系列改个名字（例如加上地点或年份）
plan-hint-page = 给其中一个页面换一个 `slug`，或给文件（文件夹）改名
plan-hint-alias = 删掉这个别名（aliases）：它会盖住那个地址上已有的内容
plan-hint-term = 给标签改名，或给另一页换一个 `slug`
plan-hint-pager = 给名为 `page` 的文件夹改名，或修改 `paginate_by`
plan-hint-taxonomy-list = 给内容文件夹改名，或在 kepu.yaml 里把这个分类从 `taxonomies` 里去掉
plan-hint-file = 给文件改名，或把它移到别的文件夹
plan-hint-output = 给页面换一个 `slug`，或在 kepu.yaml 的 `outputs` 里关掉这项输出
plan-hint-search = 给页面换一个 `slug`，或在 kepu.yaml 里写 `search: false` 关掉搜索页
plan-hint-built-in = 给页面换一个 `slug`（或文件改名），或在 kepu.yaml 的 `outputs` 里关掉那项输出
plan-hint-sounds-alike = { $hint }（中文文件名按拼音写进地址，读音相同的名字会落到同一个地址）
plan-or = {" 或 "}
plan-no-taxonomy-templates = 主题里没有 { $templates }，所以没有生成分类页面（{ $pages }）
plan-no-taxonomy-templates-hint = 把模板放进 templates/，或者在 kepu.yaml 里写 `outputs: {"{"}taxonomies: false{"}"}`

## site_info：公共网站页脚

site-info-file-missing = site_info.{ $key } 写的 { $file } 不是本站的文件
site-info-file-missing-hint = 把图片放到 static/{ $file }（或放在内容里：content/{ $file }）

## YAML 的写法（front matter 和 kepu.yaml）

yaml-colon = 值里有“: ”（冒号加空格），YAML 会把它当成一个新的字段
yaml-colon-hint = 把值放进英文双引号里：{ $key }: "{ $value }"
yaml-indented-key-hint = 删掉 `{ $key }:` 前面的空格（顶层的字段从行首写起），或者把上一行的值放进英文双引号里
yaml-tab = front matter 里有制表符（Tab）
yaml-tab-hint = YAML 不允许用 Tab 缩进：请改用空格
yaml-unclosed-quote = 一个加了引号的值没有结束
yaml-unclosed-quote-hint = 在同一行用同样的引号把值括起来，例如 title: "科普知识"
yaml-reserved-character = 值以 YAML 保留的字符开头（`@`、`` ` ``、`%`）
yaml-too-deep = 值嵌套得太深
yaml-too-deep-hint = front matter 最多只需要几层列表和字段，请减少嵌套
yaml-alias-bomb = YAML 别名（`*名字`）展开后的内容太多
yaml-alias-bomb-hint = 把值直接写出来，不要反复引用 `*名字`
yaml-alias-lines = { $message }（别名用在第 { $first }–{ $last } 行）
yaml-control-character = front matter 里有一个看不见的控制字符
yaml-control-character-hint = 重新输入这一行；这种字符常随着从 Word 或网页复制的文字一起进来
yaml-not-one-block = front matter 不是一整块 `字段: 值` 的行
yaml-not-one-block-hint = 每个字段都从行首写起；`---` 只用作开头和结尾的两条分隔线
yaml-unclosed-list = 列表的 `[` 或 `{"{"}` 没有闭合
yaml-unclosed-list-hint = 在同一行闭合它，例如 tags: [健康, 安全]；含有 `,`、`[` 或 `]` 的值请放进英文双引号里
yaml-broken-line = 这一行的 YAML 写法有误
yaml-broken-line-hint = 含有引号、`: `、`[`、`]` 或 `,` 的值请放进引号里（title: '他说"你好"'），每个 `[` 都要有 `]`，字段用空格对齐
yaml-not-key-value-line = 有一行不是 `字段: 值` 的写法
yaml-not-key-value = front matter 不是 `字段: 值` 的行
yaml-full-width-colon-hint = 字段后面写半角冒号和一个空格（`{ $key }: …`），不要用全角的 `：`
yaml-space-after-colon-hint = 在冒号后面加一个空格：`{ $key }: …`
yaml-one-per-line-hint = 每行写一个 `字段: 值`，例如 `title: 冬季如何预防流感`

## 字段和值（front matter 和 kepu.yaml）

key-unknown = 未知字段 `{ $key }`
key-unknown-in = `{ $parent }` 里有未知字段 `{ $key }`
known-keys = 可以写的字段有：{ $keys }
did-you-mean = 是不是想写 `{ $word }`？
key-of-other-generators = `{ $key }` 是其他建站工具的写法，kepu 里写 `{ $ours }`
key-missing = 缺少必填的字段 `{ $key }`
key-missing-in = `{ $parent }` 里缺少必填的字段 `{ $key }`
key-missing-hint = 在 front matter 里加一行 `{ $key }: …`
key-twice = 字段 `{ $key }` 写了两次
key-twice-hint = 只保留一行 `{ $key }:`
value-unknown = `{ $key }` 不能写成 `{ $value }`
value-one-of = 可以写的值有：{ $words }
value-wrong = 这里应当写{ $expected }，写成了{ $found }
value-wrong-of = `{ $key }` 应当写{ $expected }，写成了{ $found }
value-problem = `{ $key }`：{ $problem }
type-text = 文字
type-list = 列表
type-yes-no = 是/否（true 或 false）
type-count = 不小于 0 的整数
type-whole-number = 整数
type-number = 数字
type-fields = 一组 `名称: 值`
found-yes-no = 是/否 `{ $value }`
found-whole-number = 整数 `{ $value }`
found-number = 数字 `{ $value }`
found-text = 文字 { $value }
found-list = 列表
found-fields = 一组 `名称: 值`
found-nothing = 空值（冒号后面什么也没写）
hint-quote = 把值放进英文双引号里
hint-list = 写成列表，例如 `tags: [健康, 安全]`
hint-yes-no = 是/否只能写 `true` 或 `false`；`yes`、`no`、`on`、`off` 和加了引号的 "true" 都是文字
hint-whole-number = 直接写整数，不加引号，例如 `weight: 3`（次数不小于 0）
hint-number = 直接写数字，不加引号，例如 `1.5`
hint-fields = 在下面的行里缩进两个空格，逐行写 `名称: 值`

## 内容文件（content/）

content-folder-missing = 内容文件夹不存在
content-folder-missing-hint = 新建 content/_index.md，或者用 `kepu init 文件夹` 新建一个能直接构建的示例网站
leftovers-skipped = 跳过了 { $count } 个编辑器或合并工具留下的文件（不会发布）：{ $files }
site-folder-unreadable = 无法读取网站文件夹：{ $error }
folder-unreadable = 无法读取：{ $error }
folder-unreadable-hint = 让 kepu 能读取它，例如对这个文件夹运行 `chmod a+rx`（对其中的文件运行 `chmod a+r`）
file-unreadable = 无法读取文件：{ $error }
file-unreadable-hint = 让 kepu 能读取它，例如对这个文件运行 `chmod a+r`（对它所在的文件夹运行 `chmod a+rx`）
text-too-large = 文件有 { $size } MB；kepu 读取的文字文件最大 { $max } MB
text-too-large-hint = 把文字分成几页；图片、视频和下载文件作为单独的文件放在页面旁边，不要写进 Markdown 里
text-not-utf8 = 文件不是有效的 UTF-8 文字
text-utf16-hint = 它是以 UTF-16 保存的；请用 UTF-8 编码重新保存（多数编辑器里：“另存为”→ 编码选 UTF-8）
text-gbk-hint = 它可能是以 GBK/GB2312 保存的（旧的中文编辑器常这样）；请用 UTF-8 编码重新保存（多数编辑器里：“另存为”→ 编码选 UTF-8）
link-outside-site = 指向网站之外（指向 { $target }）
link-outside-site-hint = kepu 只读取网站里的文件：把文件或文件夹复制进来，不要用链接
link-broken = 符号链接断了：它指向的东西不存在
link-broken-hint = 删掉这个链接，或者让它指向网站里一个存在的文件
link-unfollowable = 无法跟随符号链接：{ $error }
link-unfollowable-hint = 指回自己的链接是一个循环：删掉它，或者让它指向一个真正的文件
link-loop = 符号链接形成了循环：它指回 { $ancestor }
link-loop-hint = 删掉这个链接；一个文件夹不能包含它自己
name-file = 文件
name-folder = 文件夹
name-not-utf8 = { $what }名 `{ $bytes }` 不是 UTF-8 编码，不能用在网址里；这个{ $what }没有用上
name-not-utf8-gbk = { $what }名 `{ $bytes }` 不是 UTF-8 编码（按旧 Windows 压缩包常用的 GBK 读，是“{ $gbk }”），不能用在网址里；这个{ $what }没有用上
name-not-utf8-gbk-hint = 把它改名为“{ $gbk }”（重新输入一遍名字）；整个压缩包的名字可以在解压时一起改对：`unzip -O GBK 压缩包.zip`，或者用 `convmv -f gbk -t utf8 -r --notest content/` 改名
name-not-utf8-hint = 给它改名（重新输入一遍名字）；名字是乱码的文件多半来自旧的 Windows 压缩包：用 `unzip -O GBK 压缩包.zip` 解压
other-markdown = 这个文件看起来是 Markdown，但扩展名不是小写的 .md，kepu 不会把它当作页面
other-markdown-hint = 把它改名为 { $stem }.md；kepu 不会把它原样复制到网站里
front-matter-missing = 文件开头没有 front matter
front-matter-missing-hint = 文件第一行写 `---`，接着写 `title: "…"`，再写一行 `---`
front-matter-toml-hint = kepu 读的是两行 `---` 之间的 YAML，不是 `+++` 之间的 TOML：先写 `---`，再写 `title: "…"`，最后写 `---`
front-matter-unclosed = front matter 没有结束
front-matter-unclosed-hint = 在 front matter 的最后一行后面加一行 `---`
title-empty = 标题是空的
title-empty-hint = 在 `title: ` 后面写标题；以 `#` 开头的标题要放进英文双引号里（YAML 把 `#` 后面的内容当作注释）
title-invisible = 标题只有看不见的字符（零宽空格之类），页面上会是一个空白的标题
title-invisible-hint = 写一个看得见的标题；这些字符常是从网页或聊天软件复制标题时带进来的
value-invalid = `{ $key }` 写得不对
term-no-letters = `{ $key }` 里的 `{ $term }` 没有文字或数字
term-no-letters-hint = 每个词都会成为一个单独的页面；请写词语，例如 `{ $key }: [健康, 安全]`
term-twice = `{ $key }` 里 `{ $term }` 写了不止一次
term-twice-hint = 删掉重复的那个：每个标签（分类）只写一次
updated-before-date = `updated`（{ $updated }）早于 `date`（{ $date }）：更新时间不会在发布之前
updated-before-date-hint = 检查两个日期是不是写反了：date 是首次发布的日期，updated 是最后修改的日期
alias-invalid = 别名 `{ $alias }` 写得不对
alias-example = 请写本站的一个路径，例如 `aliases: [/old/path/]`
alias-full-address = 别名是本站的路径，不是完整的网址；{ $example }
alias-bad-escapes = 别名里的 %-转义不是有效的 UTF-8；{ $example }
alias-other-site = 以 // 开头的别名是另一个网站的地址，不是本站的路径；{ $example }
alias-scheme = 别名是本站的路径，不能是 `{ $scheme }:` 这样的地址（javascript:、mailto:、data: 都不行）；{ $example }
alias-bad-segment = 别名不能是首页，也不能含有 `//`、`.`、`..`、`?`、`#` 或 `\`；{ $example }

## 日期和时期

date-year-out-of-range = 年份 { $year } 不在 { $first } 到 { $last } 之间，多半是写错了；请写成 2024-06-25 这样的日期
now-variable-not-a-date = 环境变量 { $variable } 的值不是日期，kepu 不能用它当作“今天”；去掉这个变量就按今天的日期
date-not-a-date = `{ $text }` 不是日期；请写成 2024-06-25、2024-06-25 08:30 或 2024-06-25T08:30:00+08:00
date-bad-offset = `{ $written }` 不是时区偏移；请写成 +08:00 这样的形式，或不写（按北京时间）
date-no-such-offset = 时区偏移 `{ $written }` 不存在：世界各地的时区在 -12:00 到 +14:00 之间；北京时间写 +08:00，或不写时区
period-hint = 写一个年份（2024）、半年（2024-H1）、季度（2024-Q3）、月份（2024-03），或者写 `from:` 和 `to:` 两个日期
period-not-a-period = `{ $text }` 不是一个时期；{ $hint }
period-backwards = 时期的结束（{ $to }）早于开始（{ $from }）；把 `from` 和 `to` 对调

## 活动

event-ends-before-start = 活动的结束日期（{ $end }）早于开始日期（{ $start }）
event-ends-before-start-hint = 把 `start` 和 `end` 对调，或者改正日期
event-material-unnamed = `event.materials` 中有一项物品没有名称
event-material-unnamed-hint = 写出发放物品的名称，例如 materials: {"{"}科普手册: 6000{"}"}
event-series-empty = `event.series` 是空的
event-series-empty-hint = 写出系列的名称，例如 series: 学雷锋i科普；不属于任何系列就删掉这一行
event-count-not-decimal = 计数 `{ $written }` 不是十进制数字
event-count-not-decimal-hint = 场次、人次和物品数量请直接写十进制数字，例如 16；YAML 会把 0x10 读成 16、把 0o20 读成 16
event-count-too-large = `{ $key }` 是 { $count }，超出了合理范围（最多 { $max }，即 10 亿）
event-count-too-large-hint = 检查是否多打了几位数字；一次活动的场次、人次和物品数量都不会超过 10 亿

## kepu.yaml

config-missing = 找不到网站配置文件
config-missing-hint = 在网站文件夹里运行 kepu，或者用 --root 指定网站文件夹，或者用 `kepu init 文件夹` 新建一个网站
config-base-url-invalid = base_url `{ $url }` 写得不对
config-preview-url-invalid = 预览地址 `{ $url }` 写得不对
config-alias-taxonomy-unknown = { $key } 写了 `{ $taxonomy }`，它不在 `taxonomies` 里
config-alias-taxonomy-unknown-hint = 只能给 { $taxonomies } 写别名，例如 `{ $key }: { $example }`
config-alias-invalid = { $owner } 的别名 `{ $alias }` 无效
config-base-url-not-full = 请写完整的网址，例如 https://example.org/ 或 https://example.org/kexie/
config-base-url-scheme = base_url 要以 http:// 或 https:// 开头
config-base-url-character = base_url 里不能有引号、<、>、反斜杠、花括号或控制字符（这里有 `{ $character }`）：它会写进每一页的链接；请写一个普通的网址，例如 https://example.org/kexie/（在 CI 里用分支名拼预览网址时，先把分支名换成只含字母、数字和 - 的形式）
config-base-url-host = base_url 要有主机名，不能有空格，例如 https://example.org/
config-base-url-credentials = base_url 里不能写用户名或密码（user:pass@）：它会出现在每一页的链接里；请把 @ 和它前面的部分删掉
config-base-url-query = base_url 里不能有问号（?）或井号（#）后面的部分
config-reading-speed-zero = reading_speed 必须大于 0
config-reading-speed-zero-hint = 默认是 `reading_speed: {"{"}cjk: 400, latin: 200{"}"}`（每分钟读的汉字数和英文单词数）
config-synonyms-too-few = 每组同义词至少要有两个词：{ $group }
config-synonyms-too-few-hint = 例如 `search: {"{"}synonyms: [[台风, 颱風, 热带风暴]]{"}"}`
config-max-output-zero = max_output_mb 必须大于 0
config-max-output-zero-hint = 它是模板写出的单个文件的上限（MB），默认 50
config-theme-not-a-folder = theme `{ $theme }` 不是 themes/ 下的一个文件夹名
config-theme-not-a-folder-hint = theme 只写 themes/ 里主题文件夹的名字，例如 theme: kepu；不能含 /、\ 或 ..，主题要放在网站的 themes/ 里
config-taxonomy-unknown = 未知的分类方式 `{ $name }`
config-taxonomy-unknown-hint = 页面可以按 tags 和 categories 分组；从中选几个列出来，例如 `taxonomies: [tags]`
config-at-least-one = 至少要写 1
config-search-expected = true、false，或者像 {"{"}synonyms: [[台风, 颱風]]{"}"} 这样的选项
config-cjk-spacing-expected = true、false，或者要保持原样的词：`{"{"}keep: [i科普]{"}"}`

## 照片

photo-heic = 这是 HEIC/HEIF 格式的照片（苹果手机的默认格式），浏览器和 kepu 都无法直接使用
photo-heic-hint = 在手机或电脑上把它导出为 JPEG 再放进网站（iPhone：设置 → 相机 → 格式 → 兼容性最佳；Mac 的“预览”：文件 → 导出 → JPEG）
photo-unsupported = 不支持 { $format } 格式的图片
photo-unsupported-hint = 照片请导出为 JPEG，图表、截图请导出为 PNG，再放进网站
photo-undecodable = 图片无法解码（{ $reason }）
photo-undecodable-hint = 文件可能已损坏或没有下载完整：请重新导出为 JPEG 或 PNG 后替换它
photo-not-an-image = 不是可识别的图片文件
photo-truncated = 照片不完整：文件在中途截断了（可能没有下载完或没有复制完）
photo-truncated-hint = 从手机、相机或聊天记录里重新导出这张照片（JPEG），再替换它
photo-too-large = 图片太大（{ $width }×{ $height } 像素），超过了 kepu 能处理的 { $megapixels } 万像素
photo-too-large-hint = 先把图片缩小到长边 6000 像素以内，再放进网站
photo-encode-failed = 图片无法编码（{ $reason }）
photo-encode-failed-hint = 请把这张图片重新导出为 JPEG 后再试
photo-changed-meanwhile = 照片在处理过程中被改动了（读取尺寸之后文件又变了）
photo-changed-meanwhile-hint = 等照片完全保存或复制好后再构建一次（kepu serve 会自动重新处理）
photo-large = 照片很大（{ $width }×{ $height } 像素，{ $megabytes } MB）：已处理，但会拖慢每次完整构建
photo-large-hint = 放进网站前把照片缩小到长边 4000 像素以内，读者看不出差别

## 其他版本（微信版、打印版、分享卡片）
wechat-missing-charts = 页面用了 { $planned } 次 `chart`，但微信版里只有 { $found } 个图表可以画成图片
wechat-missing-charts-hint = 主题的 shortcodes/chart.html 要把每个图表画成一个 <svg { $mark }>（微信编辑器不接受 SVG，kepu 会把它转成 PNG 图片）
share-card-failed = 无法生成分享图：{ $reason }
share-card-slug-hint = 把 `slug` 写短一些
wechat-chart-failed = 无法画出微信版里的图表：{ $reason }
wechat-edition-failed = 无法生成微信版：{ $reason }
wechat-edition-failed-hint = 检查主题的 { $template } 里有没有没配对的标签

## 模板（主题的和网站自己的）

template-error = 模板错误：{ $message }
template-caused-by = 原因：{ $cause }
template-while-rendering = 在生成 { $file } 时出错
template-not-found = 找不到模板 `{ $name }`{ $causes }
template-not-found-hint = 在网站或主题里新建 templates/{ $name }，或者写一个已有的模板；已有的模板：{ $names }
template-extends-itself = 模板 `{ $tpl }` 继承了它自己（{ $chain }）
template-extends-itself-hint = 模板应当继承另一个更通用的模板（例如 base.html）：修改或删掉这个 `{"{"}% extends %{"}"}`
template-includes-itself = 模板 `{ $tpl }` 包含了它自己（{ $chain }）
template-includes-itself-hint = 删掉这个循环里的一个 `{"{"}% include %{"}"}`
template-missing-parent = 模板 `{ $current }` 继承的 `{ $parent }` 不存在
template-missing-parent-hint = 继承一个已有的模板；已有的模板：{ $names }
template-hint-filter = 检查拼写；kepu 在 Tera 2 自带的过滤器之外还提供 `date`（见 README 里的主题参考）
template-hint-function = 检查拼写；kepu 在 Tera 2 的函数之外还提供 get_page、get_section 和 url_for
template-hint-include = 新建被包含的模板，或者改正它的名字
template-hint-block = 在这个模板继承的模板里定义这个块，或者改正块的名字
tera-unknown-filter = 未知的过滤器 `{ $name }`
tera-unknown-function = 未知的函数 `{ $name }`
tera-field-undefined = 没有定义字段 `{ $name }`
component-calls-itself = 组件 `{ $component }` 调用了它自己，渲染会无限地嵌套下去
component-calls-itself-hint = 去掉组件 `{ $component }` 里的 <{ $component } …/>，或只在满足条件时（{"{"}% if %{"}"}）调用它
components-call-each-other = 模板里的组件互相调用，渲染会无限地嵌套下去
components-call-each-other-hint = 找出互相调用的组件（<名字 …/>），去掉其中一处调用
theme-not-found = 找不到主题 `{ $theme }`（应当在 { $folder }）
theme-not-found-hint = 把 `theme:` 写成 themes/ 下的一个文件夹名，或者给网站加一个 templates/ 文件夹
wechat-stylesheet-missing = wechat.stylesheet 写的 `{ $name }` 不是主题或网站的静态文件
wechat-stylesheet-missing-hint = 写 static/ 或 themes/{ $theme }/static/ 下的一个 CSS 文件，例如 `wechat: {"{"}stylesheet: css/style.css{"}"}`，或者用 `outputs: {"{"}wechat: false{"}"}` 关掉微信版

## 链接、图片和文件

link-to-nothing = 链接指向的页面不存在：{ $target }
link-to-nothing-hint = 站内链接写 content/ 下的文件，例如 [文字](@/tips/drink-water.md)
link-to-draft = 链接指向 { $target }，它是草稿（用 --drafts 构建才会包含它）
link-to-scheduled = 链接指向 { $target }，它定在以后发布（用 --future 构建才会包含它）
link-to-failed-file = 链接指向的 { $target } 本身有错误（见上文）
slug-empty = 这个页面的文件名生成的网址是空的
slug-empty-hint = 在 front matter 里给页面写一个由字母或数字组成的 `slug:`，或者给文件改名
page-url-unusable = 这个页面的网址 { $path } 含有空的、`.` 或 `..` 的部分（来自{ $origin }）
page-url-from-slug = 它的 `slug`
page-url-from-file-name = 它的文件名
page-url-unusable-hint = 给页面写一个含字母或数字的 `slug`，例如 `slug: drink-water`
section-url-unusable = 这个栏目的网址 { $path } 含有空的、`.` 或 `..` 的部分
section-url-unusable-hint = 把文件夹改成含字母或数字的名字
link-in-output-hint = 站内链接写 content/ 下的文件，例如 @/tips/drink-water.md
output-not-made = 无法写出 { $file }：{ $reason }
image-unreadable = 无法读取图片：{ $reason }
output-too-large = 模板 `{ $template }` 为 { $source } 写出的文件超过了 { $limit } MB 的上限
output-too-large-hint = 检查模板里的循环（例如 range 的 end）是否写错；确实需要更大的文件时，在 kepu.yaml 里调高 max_output_mb（单位 MB，默认 50）
serve-host-refused = kepu serve 只回答发往本机的请求（http://127.0.0.1:{ $port }/ 或 http://localhost:{ $port }/），收到的 Host 是 { $host }：这样别的网站无法借 DNS 重绑定读取你的预览；请用上面的地址打开。
serve-host-none = （没有）
jpeg-too-large = JPEG 的长宽不能超过 65535 像素
image-widths-invalid = widths 要列出至少一个 16 到 8192 之间的宽度，例如 [480, 960, 1600]
image-quality-invalid = quality 要在 1 到 100 之间（照片用 80 合适）
image-formats-invalid = formats 写 webp 和/或 jpeg（PNG 原图自己会保留一份 PNG）
site-not-loaded = 网站没有读取成功
watch-failed = 监视文件出错：{ $reason }
watch-new-folder-failed = 无法监视新建的文件夹：{ $reason }
term-alias-unused = 没有页面在 `{ $taxonomy }` 里写 `{ $term }`，所以它的旧地址（{ $aliases }）不会跳转到任何地方
term-alias-unused-hint = 改正 `term_aliases` 下这个词的写法，或者删掉它
qr-failed = 无法为 { $url } 生成二维码：{ $reason }
screen-section-unknown = screen.section `{ $name }` 不是网站的栏目
screen-section-unknown-hint = 写 content/ 下含 _index.md 的文件夹：{ $folders }
figures-in-template = figures：{ $message }；{ $hint }
template-url-for-missing = url_for：没有内容文件 `{ $file }`（路径从 content/ 算起）
template-taxonomy-not-written = get_taxonomy：这次构建不生成 `{ $kind }` 页面（见 kepu.yaml 里的 `taxonomies` 和 `outputs`）
template-taxonomy-unknown = 没有 `{ $kind }` 这种分类：可用的有 { $kinds }
template-nothing-at = { $function }：`{ $path }` 没有内容（写 content/ 下的路径，例如 "tips/_index.md" 或 "tips/drink-water.md"）
template-figure-unknown = figure：没有图 `{ $name }`；已有的图：{ $names }
anchor-missing = { $target } 里没有 id 为 `{ $anchor }` 的标题
anchor-missing-here = 这一页里没有 id 为 `{ $anchor }` 的标题
anchor-missing-hint = 标题的 id 就是标题的文字（例如 #科学解释），或者你给它写的 {"{"}#id{"}"}；HTML 里写的 id="…" 也算
image-no-alt = 图片 { $src } 没有替代文字
image-no-alt-hint = 在方括号里描述图片，![像这样](poster.jpg)：读屏软件会读出它，图片加载不出来时也会显示它
the-image = 图片
the-link = 链接
file-outside-site = { $what } { $url } 指向网站之外（网站的基础路径是 { $base }）
file-outside-site-hint = 写相对于页面的路径，或者以基础路径开头的路径
file-missing = { $what } { $url } 指向 { $path }，构建出的网站里没有这个文件
file-missing-hint = 把文件放在页面包（含 index.md 的文件夹）里页面的旁边、content/ 下的其他地方，或者 static/ 里
file-missing-beside-hint = 这个页面的地址是 { $page }，相对路径从那里算起；文件在 { $found }：写成 ../{ $url }，或者把页面改成页面包（一个放着 index.md 和它的文件的文件夹）
cover-missing = 封面 `{ $cover }` 指向 { $path }，构建出的网站里没有这个文件
cover-missing-hint = 页面包（含 index.md 的文件夹）的封面写包里的文件名，例如 cover: cover.jpg；其他页面写从网站根开始的路径，例如 cover: /images/cover.jpg（文件放在 static/images/ 里）

## 其他网站生成器的写法

foreign-tag = 这是其他网站生成器（Hugo、Hexo 或 Jekyll）的写法，kepu 会把它原样显示成文字：{ $tag }
foreign-tag-image = 图片写成 ![说明](图片.jpg)；页面包（含 index.md 的文件夹）里的图片直接写文件名
foreign-tag-link = 站内链接写成 [文字](@/栏目/文件名.md)
foreign-tag-code = 代码写在代码块里：单独一行 ```语言 开始，单独一行 ``` 结束
foreign-tag-note = 提示框写成 GitHub 的形式：> [!NOTE]（或 TIP、WARNING），下一行起每行以 > 开头
foreign-tag-baseurl = kepu 里不用写 Jekyll 的 `{"{{"} site.baseurl {"}}"}`：图片和文件写相对于页面的路径（例如 ![说明](图片.jpg)），站内链接写成 [文字](@/栏目/文件名.md)；base_url 由 kepu 自己加上
foreign-tag-site-variable = Markdown 里不能用 Jekyll 的 `{"{{"} site.… {"}}"}` 变量：直接写出它的值（模板里用 `{"{{"} config.… {"}}"}`）
foreign-tag-import = `kepu import { $generator }` 会转换这些写法；或者改成 kepu 的短代码 {"{{"} name(key="value") {"}}"}
shortcode-as-text-hint = 如果要把 {"{{"} … {"}}"} 原样显示成文字，写成 {"{{"}/* … */{"}}"}
shortcode-example = 写成 {"{"}{"{"} name(key="value") {"}"}{"}"}，例如 {"{"}{"{"} stat(name="sessions") {"}"}{"}"}
shortcode-block-example = 短代码块写成 {"{"}% name(key="value") %{"}"} …… {"{"}% end %{"}"}，例如 {"{"}% rumor(claim="…") %{"}"}真相……{"{"}% end %{"}"}
shortcode-literal-unclosed = `{ $open }/*` 没有结束
shortcode-literal-unclosed-hint = 在同一行里用 `{ $ending }` 结束原样显示的短代码
shortcode-end-malformed = `{"{"}% end %{"}"}` 写得不对：缺少 `%{"}"}`
shortcode-end-mismatch = `{"{"}% end { $closes } %{"}"}` 和还没结束的短代码块 `{ $block }`（在上面 { $lines } 行处开始）对不上
shortcode-end-mismatch-hint = 先用 `{"{"}% end %{"}"}` 结束 `{ $block }`，或者改正名字
shortcode-block-unclosed = 短代码块 `{ $block }` 没有结束
shortcode-block-unclosed-hint = 在它的内容后面写 `{"{"}% end %{"}"}`（{ $example }）
shortcode-malformed = 短代码 `{ $name }` 写得不对：{ $problem }
shortcode-expected-paren = 名字后面应当是 `(`
shortcode-expected-argument = 这里应当是参数名或 `)`
shortcode-expected-equals = `{ $key }` 后面应当是 `=`
shortcode-expected-comma = 参数 `{ $key }` 后面应当是 `,` 或 `)`
shortcode-expected-close = `)` 后面应当是 `{ $close }`
shortcode-argument-problem = 参数 `{ $key }` { $problem }
shortcode-quote-unclosed = 的引号在这一行里没有结束
shortcode-value-kind = 的值应当是双引号里的文字、整数、true 或 false
shortcode-argument-twice = 短代码 `{ $name }` 的参数 `{ $key }` 写了两次
shortcode-hints = { $first }；{ $second }
shortcode-unknown = 没有名为 `{ $name }` 的短代码
shortcode-did-you-mean = 是不是想写 `{ $near }`？
shortcode-none-in-theme = 主题里没有短代码；可以添加 templates/shortcodes/名字.html
shortcode-known = 可用的短代码：{ $names }（或者添加 templates/shortcodes/{ $name }.html）
shortcode-unknown-argument = 短代码 `{ $name }` 没有参数 `{ $key }`
shortcode-takes = `{ $name }` 的参数有：{ $keys }
shortcode-did-you-mean-takes = 是不是想写 `{ $near }`？{ $takes }
chart-unknown-kind = 没有 `{ $kind }` 这种图表
chart-kinds = 图表的种类：{ $kinds }
video-example = 例如 {"{"}{"{"} video(bilibili="BV1GJ411x7h7", title="…") {"}"}{"}"}、{"{"}{"{"} video(tencent="vid") {"}"}{"}"} 或 {"{"}{"{"} video(src="clip.mp4", poster="clip.jpg") {"}"}{"}"}
video-none = 短代码 `video` 要写明视频：bilibili=、tencent= 或 src=
video-several = 短代码 `video` 只放一个视频：bilibili=、tencent= 和 src= 只写其中一个
video-not-an-id = `{ $source }="{ $id }"` 不是{ $what }
video-not-an-id-hint = 从视频的网址里复制编号，{ $example }
video-bilibili-id = 哔哩哔哩的 BV 号（BV 加字母和数字）
video-tencent-id = 腾讯视频的 vid（字母和数字）
video-not-bv = `bilibili="{ $id }"` 不是 BV 号
video-not-bv-hint = 哔哩哔哩的编号以 BV 开头，例如 https://www.bilibili.com/video/BV1GJ411x7h7/
question-example = 例如 {"{"}% question(text="“能量水”能治病吗？", a="能", b="不能", answer="b") %{"}"}解析……{"{"}% end %{"}"}
question-no-text = 短代码 `question` 要写明问题：text="…"
question-options = 一道题至少要有两个选项，按顺序写 a=、b=……（这道题有：{ $given }）
question-no-options = 没有
question-answer = 正确答案必须是其中一个选项：answer="{ $keys }"
figures-what = { $what ->
    [series] 系列
    [category] 分类
    [recaps] 活动回顾
    [materials] 资料
    [stats] 统计项
   *[other] { $what }
}
figures-not-a-recap = `{ $page }` 不是活动回顾
figures-recap-outside-period = 活动回顾 `{ $page }` 在 { $start } 开始，不在时期 { $period } 里
figures-recap-outside-period-hint = 写一个包含它的 `period`，或者引用这个时期里的活动回顾
figures-unknown-name = 没有哪篇活动回顾的{ $what }是 `{ $name }`
figures-none-yet = 还没有哪篇活动回顾写了{ $what }
figures-known = 已有的{ $what }：{ $names }
figures-unknown-material = 没有哪篇活动回顾列出了资料 `{ $material }`
figures-unknown-stat = 没有 `{ $name }` 这项统计
figures-cannot-group = 不能按 `{ $name }` 分组
figures-group-by = 可以按这些分组：{ $names }
figures-bad-period = 参数 `period` 写得不对
figures-bad-period-hint = { $hint }，或者写 `all`
shortcode-end-alone = `{"{"}% end %{"}"}` 没有可以结束的短代码块：这里没有打开的 `{"{"}% name(…) %{"}"}`
shortcode-end-alone-hint = 删掉它，或者在它前面写上它要结束的短代码块的开头
shortcode-while-expanding = 出现在展开短代码 `{ $name }` 时，位置 { $file }:{ $line }
figures-needs-argument = 短代码 `{ $name }` 需要参数 `{ $key }`
figures-example-stat = 例如 {"{"}{"{"} stat(name="sessions") {"}"}{"}"} 或 {"{"}{"{"} stat(name="materials.科普手册") {"}"}{"}"}
figures-example-stats-table = 例如 {"{"}{"{"} stats_table(group_by="series") {"}"}{"}"}
figures-example-chart = 例如 {"{"}{"{"} chart(kind="bar", of="sessions", by="month") {"}"}{"}"}
figures-no-period = 这个页面没有写 `period`，不知道统计哪段时间的数字
figures-no-period-hint = 在 front matter 里写 `period: 2024-H1`，或者给短代码写 period="2024"（或 period="all"）

# audit

audit-empty-column = 栏目「{ $column }」里没有任何页面
audit-empty-column-hint = 检查时空栏目算不合格：发布内容，或者删掉这个栏目
audit-stale-column = 栏目「{ $column }」已经 { $days } 天没有新页面（最新一篇的日期是 { $date }），超过了 { $limit } 天
audit-stale-column-hint = “栏目长期未更新”在检查时算不合格：发布新内容；要求的天数在 kepu.yaml 的 audit: {"{"}stale_days: { $limit }{"}"} 里改
audit-missing-date = 已发布的页面没有日期
audit-missing-date-hint = 在 front matter 里写上发布日期，例如 date: 2024-06-25；不算文章的页面（如无障碍声明）写 extra: {"{"}unlisted: true{"}"}
audit-missing-attribution = 页面缺少署名：{ $fields }
audit-missing-attribution-hint = 网站要求每篇文章都写这些署名（kepu.yaml 的 audit.require），在 front matter 里补上，例如 { $key }: 张敏
audit-wrong-word = “{ $wrong }”是错误的写法，应为“{ $right }”
audit-wrong-word-hint = 改成“{ $right }”（错误写法的清单在 kepu.yaml 的 audit.words 里）
audit-link-unreachable = 外部链接 { $url } 打不开：{ $reason }
audit-link-refused = 对方网站拒绝连接
audit-link-no-host = 找不到这个网站（域名无法解析）
audit-link-gone = 外部链接 { $url } 指向的页面已经不存在（{ $status }）
audit-link-dead-hint = 确认地址写对了；对方的页面没有了的话，删掉这个链接，或者换成新的地址
audit-link-slow = 外部链接 { $url } 在 { $seconds } 秒内没有响应
audit-link-slow-hint = 对方网站可能暂时出了问题，过一会儿再检查；一直这样的话，考虑换掉这个链接
audit-link-server-error = 外部链接 { $url } 的网站出错了（{ $status }）
audit-link-moved = 外部链接 { $url } 已经永久搬到 { $location }
audit-link-moved-hint = 把链接改成新地址：{ $location }

# import

## kepu import：导入报告里需要编辑看一眼的地方

import-duplicate-key = `{ $key }` 在头部信息里写了两次，这一行的值没有用：按原来的生成器的读法，用的是后写的那个值，请确认
import-link-unresolved = 链接 `{ $target }` 指向的文章没有找到（原站点上它也打不开），已去掉链接、只留下文字
import-pagers-kept = 原站点的 { $count } 个分页地址（如 { $example }）跳转到列表的第一页
import-link-guessed = `{ $old }` 在原站点上就打不开；按文件名找到了 `{ $new }`，已改成指向它，请确认
import-dest-not-empty = 目标文件夹 { $dest } 不是空的
import-dest-not-empty-hint = 换一个新的文件夹名，kepu import 会自己创建它
import-dest-inside-source = 目标文件夹 { $dest } 在原站点里面
import-dest-inside-source-hint = 导入绝不改动原站点，请把目标放到原站点文件夹之外
import-no-config = 在 { $source } 没有找到 { $kind } 的配置文件（{ $names }）
import-no-config-hint = SOURCE 应当是原站点的根目录
import-unreadable = 读不了 { $path }：{ $reason }
import-bad-config = { $path }：配置文件有误：{ $reason }
import-bad-config-hint = 先用原来的生成器确认它能构建，再导入
import-no-wechat-page = { $path } 里没有找到公众号文章的正文（#js_content），没有导入
import-no-wechat-page-hint = 在浏览器里打开文章，用“另存为 → 网页，全部”保存，再导入保存的 .html 文件
import-no-wechat-pages = { $path } 里没有 .html 文件
import-no-wechat-pages-hint = 指定保存的文章页面，或者存放它们的文件夹
import-section-name = 栏目名 `{ $section }` 不能用作文件夹名
import-section-name-hint = 用字母、数字和 - 组成，例如 events
import-unknown-shortcode = { $what } `{ $name }` 无法自动转换，原文保留在标有“导入待处理”的代码块里，请手工改写
import-bad-front-matter = 头部信息（front matter）读不了：{ $reason }；原文保留在正文开头的代码块里
import-bad-date = `{ $key }: { $value }` 不是能识别的日期，已放到 extra.{ $key }
import-title-from-file-name = 没有标题，已用文件名“{ $title }”作标题
import-bundle-markdown-left-out = 页面文件夹里的这个 Markdown 文件是原生成器的页面资源，kepu 会把它当成单独的文章，所以没有复制；需要的话把内容并入文章
import-alias-taken = 旧地址 { $alias } 已被另一篇文章占用，这一篇不再为它设置跳转
import-language-left-out = 原站点是多语言的：只导入了默认语言 { $chosen }；语言 { $language } 的 { $count } 个页面没有导入（kepu 的站点只有一种语言）{ $pages }
import-language-pages = ：{ $pages }
import-permalink-unknown = 算不出这篇文章原来的地址：permalink `{ $pattern }` 里的 { $token } 在文章里没有值（Hexo 每次构建重新生成的 :id 无法还原），旧地址没有保留跳转：如果知道旧地址，把它写进 aliases
import-redirect-not-kept = 旧地址 { $old } 原来跳转到 { $target }；kepu 的跳转只能指向本站导入的页面，这个跳转没有保留：请在网站服务器上设置它，或把它改成本站的页面
import-gist-as-link = gist 已改成指向 GitHub Gist 的链接
import-iframe-as-link = 嵌入的页面（iframe）已改成普通链接
import-video-as-link = { $what } 视频已改成普通链接（kepu 的视频块上线后可再改）
import-menu-flattened = 菜单有 { $count } 个子项，kepu 的菜单只有一层，已按顺序排在父项后面
import-taxonomy-dropped = 分类法 `{ $name }` kepu 没有对应的页面，各文章的值已放到 extra.{ $name }
import-time-zone-assumed = 原站点没有写时区，按 { $zone } 换算没有时区的日期
import-time-zone = 没有时区的日期按原站点的时区 { $zone } 换算
import-zola-time-zone = 没有时区的日期按 UTC 换算（Zola 就是这样读的）
import-terms-dropped = 去掉了 { $count } 个空的标签或分类
import-term-urls = 标签和分类页改用 kepu 的拼音地址（/tags/jian-kang/）；{ $count } 个旧地址（如 /tags/健康/）跳转到新地址，写在 kepu.yaml 的 term_aliases 里
import-nested-categories = { $count } 篇文章的层级分类已展开成并列的分类
import-list-page-left-out = { $file } 是原主题的标签或分类列表页，kepu 自己会生成 /tags/ 和 /categories/，没有导入
import-wechat-site-created = 目标文件夹原来是空的，已新建一个 kepu 站点来放公众号文章
import-wechat-noise-removed = { $file }：去掉了 { $count } 处公众号固定内容（关注引导、二维码、往期推荐等）
import-wechat-captions-as-alt = { $file }：{ $count } 张图片下方的图注用作了图片的替代文字（alt），图注照旧显示在图下
import-wechat-cover-remote = 封面图 { $url } 在微信的服务器上，保存的网页里没有它的副本（kepu 不联网下载；微信的图片常常拒绝外站引用），地址先记在 extra.wechat_cover：把封面图片另存进文章文件夹，再写进 cover
import-wechat-image-not-saved = 图片 { $url } 没有保存在本地，仍指向微信的服务器（那里的图片常常拒绝外站引用），请另存后放进文章文件夹
import-base-url-placeholder = 原站点没有写网址，kepu.yaml 里暂用 { $base_url }，发布前请改成真实网址

# photos
photos-read = 读取了 { $count } 张照片原图（其余未改动，见 { $index } 里的索引）
