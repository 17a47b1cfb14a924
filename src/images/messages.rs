//! What kepu tells an editor about a photo, in Chinese, each message in
//! one place (to move into the message catalogue later).

use super::decode::ImageProblem;

fn problem(message: String, hint: &str) -> ImageProblem {
    ImageProblem {
        message,
        hint: hint.to_string(),
    }
}

pub fn heic() -> ImageProblem {
    problem(
        "这是 HEIC/HEIF 格式的照片（苹果手机的默认格式），浏览器和 kepu 都无法直接使用".into(),
        "在手机或电脑上把它导出为 JPEG 再放进网站（iPhone：设置 → 相机 → 格式 → 兼容性最佳；Mac 的“预览”：文件 → 导出 → JPEG）",
    )
}

pub fn unsupported(format: &str) -> ImageProblem {
    problem(
        format!("不支持 {} 格式的图片", format.to_uppercase()),
        "照片请导出为 JPEG，图表、截图请导出为 PNG，再放进网站",
    )
}

pub fn undecodable(reason: &str) -> ImageProblem {
    problem(
        format!("图片无法解码（{reason}）"),
        "文件可能已损坏或没有下载完整：请重新导出为 JPEG 或 PNG 后替换它",
    )
}

pub fn truncated() -> ImageProblem {
    problem(
        "照片不完整：文件在中途截断了（可能没有下载完或没有复制完）".into(),
        "从手机、相机或聊天记录里重新导出这张照片（JPEG），再替换它",
    )
}

pub fn too_large(width: u32, height: u32, limit: u64) -> ImageProblem {
    problem(
        format!(
            "图片太大（{width}×{height} 像素），超过了 kepu 能处理的 {} 万像素",
            limit / 10_000
        ),
        "先把图片缩小到长边 6000 像素以内，再放进网站",
    )
}

pub fn encode_failed(reason: &str) -> ImageProblem {
    problem(
        format!("图片无法编码（{reason}）"),
        "请把这张图片重新导出为 JPEG 后再试",
    )
}

/// The warning for an original over [`super::decode::LARGE_PIXELS`].
pub fn large(width: u32, height: u32, bytes: usize) -> ImageProblem {
    problem(
        format!(
            "照片很大（{width}×{height} 像素，{:.1} MB）：已处理，但会拖慢每次完整构建",
            bytes as f64 / 1_000_000.0
        ),
        "放进网站前把照片缩小到长边 4000 像素以内，读者看不出差别",
    )
}
