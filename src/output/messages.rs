//! What the output stage tells the user when the system refuses to write
//! or replace the output folder (in Chinese, the sites' language; one place
//! for each message, to move into the message catalogues later). Every
//! message names the output folder the user asked for, never kepu's hidden
//! staging folder, and says what to do.

use crate::error::Error;
use rustix::io::Errno;
use std::path::Path;

/// A readable error for the failures a user can act on (a full disk, a
/// read-only disk, a name too long, a busy folder), naming `out`; `None`
/// for other errors, which keep the system's text and the file's path.
pub(super) fn system_refused(out: &Path, error: &std::io::Error) -> Option<Error> {
    let out = out.display();
    let (what, hint) = match Errno::from_io_error(error)? {
        Errno::NOSPC | Errno::DQUOT => (
            format!("无法写入输出文件夹 {out}：磁盘已满（或超出了磁盘配额）"),
            format!("腾出磁盘空间后重新构建，或用 --output 写到空间更大的磁盘；{out} 原有的内容没有改动"),
        ),
        Errno::ROFS => (
            format!("无法写入输出文件夹 {out}：它所在的磁盘是只读的"),
            format!("用 --output 换一个可以写入的文件夹；{out} 原有的内容没有改动"),
        ),
        Errno::NAMETOOLONG => (
            format!("无法写入输出文件夹 {out}：文件夹的名字或其中某个文件的路径太长，系统不接受"),
            "换一个短一些的 --output 名字，或把网站放到路径短一些的文件夹里".to_string(),
        ),
        Errno::BUSY => (
            format!("无法替换输出文件夹 {out}：它正被系统占用（例如它是一个挂载点）"),
            format!("把 --output 指向它里面的一个文件夹，例如 {out}/site，或先卸载它"),
        ),
        _ => return None,
    };
    Some(Error::Output(format!("{what}\n  hint: {hint}")))
}

/// Said when a build stops on Ctrl-C (130) or SIGTERM (143).
pub(super) fn interrupted(code: i32) -> String {
    let signal = if code == 130 { "Ctrl-C" } else { "SIGTERM" };
    format!("构建已被 {signal} 中断：临时文件夹已删除，输出文件夹保持原样")
}

/// Said when Ctrl-C cannot be listened to (the build goes on).
pub fn no_signal_handler(error: &std::io::Error) -> String {
    format!("无法监听 Ctrl-C（{error}）：构建若被中断，可能在输出文件夹旁留下临时文件夹，下次构建时会删除它")
}

/// Said when a build removed what interrupted builds had left beside the
/// output folder.
pub fn removed_leftovers(removed: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = removed
        .iter()
        .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
        .collect();
    format!(
        "已删除之前中断的构建留下的 {} 个临时文件夹：{}",
        removed.len(),
        names.join("、")
    )
}

/// Why `--output` may not name this folder, even with `--force`.
pub(super) fn protected(out: &Path, what: &str) -> Error {
    Error::Output(format!(
        "不能把网站写到 {}：它{what}，构建会用新的输出整个替换它（--force 也不例外）\n  hint: 换一个单独的输出文件夹，例如 --output public",
        out.display()
    ))
}
