//! A small layer over quick-xml's writer for the feeds and the sitemap:
//! elements with escaped attributes and text, and text cleaned of the
//! characters XML 1.0 forbids (which no escaping can carry).

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::io;

pub struct XmlWriter {
    writer: Writer<Vec<u8>>,
}

impl XmlWriter {
    /// A document started with its `<?xml …?>` declaration.
    pub fn new() -> io::Result<Self> {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
        Ok(XmlWriter { writer })
    }

    /// `<?xml-stylesheet type="text/xsl" href="…"?>`: the XSLT a browser
    /// shows the document with (readers and parsers pass it by).
    pub fn xslt_stylesheet(&mut self, href: &str) -> io::Result<()> {
        let href = quick_xml::escape::escape(xml_chars(href).into_owned());
        let content = format!(r#"xml-stylesheet type="text/xsl" href="{href}""#);
        self.writer.write_event(Event::PI(BytesPI::new(content)))
    }

    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        self.writer.write_event(Event::Start(start(name, attributes)))
    }

    pub fn close(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name attributes…/>`
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
        self.writer.write_event(Event::Empty(start(name, attributes)))
    }

    /// `<name attributes…>text</name>`, the text escaped.
    pub fn text(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.open(name, attributes)?;
        self.writer
            .write_event(Event::Text(BytesText::new(&xml_chars(text))))?;
        self.close(name)
    }

    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

fn start<'a>(name: &'a str, attributes: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        start.push_attribute((*key, xml_chars(value).as_ref()));
    }
    start
}

/// `text` without the control characters XML 1.0 does not allow.
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes_and_drops_forbidden_characters() {
        let mut xml = XmlWriter::new().unwrap();
        xml.open("feed", &[("xml:lang", "zh-CN")]).unwrap();
        xml.text("title", &[("type", "a\"b")], "<b>喝水 & 健康</b>\u{0b}")
            .unwrap();
        xml.empty("link", &[("href", "https://e.org/?a=1&b=2")]).unwrap();
        xml.close("feed").unwrap();
        let text = String::from_utf8(xml.finish()).unwrap();
        assert_eq!(
            text,
            concat!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
                "<feed xml:lang=\"zh-CN\">\n",
                "  <title type=\"a&quot;b\">&lt;b&gt;喝水 &amp; 健康&lt;/b&gt;</title>\n",
                "  <link href=\"https://e.org/?a=1&amp;b=2\"/>\n",
                "</feed>\n"
            )
        );
    }
}
