//! The `video` shortcode's addresses, worked out from which source it
//! names: a Bilibili BV id, a Tencent Video vid, or the site's own file.
//! The template gets `page_url` (the plain address a reader can open or
//! type), `embed_url` (the third-party player, loaded only on a click; none
//! for an own file) and `provider` (its name in Chinese); print draws the
//! address's QR code with `qr_code`.

use super::parse::Arg;
use crate::messages::msg;
use std::collections::BTreeMap;
use tera::Context;

pub const NAME: &str = "video";

const SOURCES: [&str; 3] = ["bilibili", "tencent", "src"];

/// Where a video is and how to show it.
#[derive(Debug)]
struct Video {
    provider: &'static str,
    page_url: String,
    embed_url: Option<String>,
}

/// Adds the variables of a `video` call to `context`; a wrong call is an
/// error (message, hint).
pub fn add(args: &BTreeMap<String, Arg>, context: &mut Context) -> Result<(), (String, String)> {
    let video = video(args)?;
    if !args.contains_key("title") {
        context.insert("title", "视频");
    }
    context.insert("provider", video.provider);
    context.insert("page_url", &video.page_url);
    context.insert("embed_url", &video.embed_url);
    Ok(())
}

fn video(args: &BTreeMap<String, Arg>) -> Result<Video, (String, String)> {
    let given: Vec<(&str, String)> = SOURCES
        .iter()
        .filter_map(|s| Some((*s, args.get(*s)?.text())))
        .collect();
    let [(source, id)] = given.as_slice() else {
        let message = if given.is_empty() {
            msg!("video-none")
        } else {
            msg!("video-several")
        };
        return Err((message, msg!("video-example")));
    };
    let plain_id = |what: String| {
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) {
            Ok(())
        } else {
            Err((
                msg!("video-not-an-id", source = *source, id = id.as_str(), what = what),
                msg!("video-not-an-id-hint", example = msg!("video-example")),
            ))
        }
    };
    Ok(match *source {
        "bilibili" => {
            plain_id(msg!("video-bilibili-id"))?;
            if !id.starts_with("BV") {
                return Err((msg!("video-not-bv", id = id.as_str()), msg!("video-not-bv-hint")));
            }
            Video {
                provider: "哔哩哔哩",
                page_url: format!("https://www.bilibili.com/video/{id}/"),
                embed_url: Some(format!(
                    "https://player.bilibili.com/player.html?bvid={id}&autoplay=1"
                )),
            }
        }
        "tencent" => {
            plain_id(msg!("video-tencent-id"))?;
            Video {
                provider: "腾讯视频",
                page_url: format!("https://v.qq.com/x/page/{id}.html"),
                embed_url: Some(format!(
                    "https://v.qq.com/txp/iframe/player.html?vid={id}&autoplay=true"
                )),
            }
        }
        _ => Video {
            provider: "本站",
            page_url: id.clone(),
            embed_url: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::shortcodes::parse::text_args as args;

    #[test]
    fn each_source_has_its_address_and_player() {
        let b = video(&args(&[("bilibili", "BV1GJ411x7h7")])).unwrap();
        assert_eq!(b.page_url, "https://www.bilibili.com/video/BV1GJ411x7h7/");
        assert!(b.embed_url.unwrap().starts_with("https://player.bilibili.com/"));
        let t = video(&args(&[("tencent", "x3349ccgcr1")])).unwrap();
        assert_eq!(t.page_url, "https://v.qq.com/x/page/x3349ccgcr1.html");
        let own = video(&args(&[("src", "clip.mp4")])).unwrap();
        assert_eq!((own.page_url.as_str(), own.embed_url), ("clip.mp4", None));
    }

    #[test]
    fn exactly_one_well_formed_source() {
        assert!(video(&args(&[])).unwrap_err().0.contains("needs the video"));
        let two = video(&args(&[("bilibili", "BV1"), ("src", "a.mp4")]));
        assert!(two.unwrap_err().0.contains("only one"));
        assert!(
            video(&args(&[("bilibili", "av170001")]))
                .unwrap_err()
                .0
                .contains("not a BV id")
        );
        let bad = video(&args(&[("tencent", "x\" onload=\"")]));
        assert!(bad.unwrap_err().0.contains("not a Tencent"));
    }
}
