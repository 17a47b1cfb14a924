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

## 问题的种类，分组汇总时这样称呼（kind-CODE）

kind-unknown-key = 未知字段
kind-wrong-type = 类型不对的值
kind-broken-link = 指向不存在页面的链接
kind-missing-anchor = 指向不存在标题的链接
kind-missing-alt = 没有替代文字的图片
kind-missing-file = 不存在的图片和文件

## 输出文件夹

output-summary = 写入 { $written } 个文件，未变 { $unchanged } 个，删除 { $deleted } 个

## site_info：公共网站页脚

site-info-file-missing = site_info.{ $key } 写的 { $file } 不是本站的文件
site-info-file-missing-hint = 把图片放到 static/{ $file }（或放在内容里：content/{ $file }）
