//! Where this build's `@/` links lead, for templates (`url_for`) and the
//! post-processor; every lookup is noted for memoised rendering.

use super::memo::{SiteRead, Tracked};
use crate::model::Site;
use crate::postprocess::LinkResolver;
use std::collections::HashMap;

/// Content-relative source path → absolute URL.
pub struct LinkTargets {
    urls: Tracked<HashMap<String, String>>,
}

impl LinkTargets {
    pub fn new(site: &Site) -> Self {
        LinkTargets {
            urls: Tracked::new(site.urls_by_source()),
        }
    }
}

impl LinkResolver for LinkTargets {
    /// The absolute URL of content file `file` (`tips/a.md`), noted as read.
    fn url_of(&self, file: &str) -> Option<&str> {
        self.urls
            .read(SiteRead::Url(file.to_string()))
            .get(file)
            .map(String::as_str)
    }
}
