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

## Kinds of problem, as a group's summary line names them (kind-CODE)

kind-unknown-key = unknown keys
kind-wrong-type = values of the wrong type
kind-broken-link = links to pages that do not exist
kind-missing-anchor = links to headings that do not exist
kind-missing-alt = images without alt text
kind-missing-file = images and files that do not exist

## The output folder

output-summary = wrote { $written } files, { $unchanged } unchanged, { $deleted } deleted

## site_info: the footer of a public site

site-info-file-missing = site_info.{ $key } names { $file }, which is no file of the site
site-info-file-missing-hint = put the picture at static/{ $file } (or beside the content as content/{ $file })
