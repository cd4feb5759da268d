//! The page as numbered lines, cut into sections by their headings (Simplified / Traditional Chinese or
//! English), with page chrome (update dates, copy buttons, debugger blurbs) dropped.

/// One line of the page with its 1-based line number in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the page file.
    pub no: usize,
    /// The text, trimmed at the end.
    pub text: &'a str,
}

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Request parameters table.
    Request,
    /// Response table.
    Response,
    /// Request / response examples.
    Examples,
    /// Error code table.
    Errors,
    /// Anything else (debugger, authorisation table, description): ignored.
    Other,
}

/// A section: its heading's line and the lines below it up to the next heading.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    /// What it holds.
    pub kind: Kind,
    /// The heading's line number.
    pub heading: usize,
    /// The lines below the heading.
    pub lines: Vec<Line<'a>>,
}

/// The page: the lines before the first heading (title, summary) and the sections.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// Lines before the first section heading, chrome dropped.
    pub preamble: Vec<Line<'a>>,
    /// Sections in page order.
    pub sections: Vec<Section<'a>>,
}

impl<'a> Page<'a> {
    /// The first section of `kind`.
    pub fn section(&self, kind: Kind) -> Option<&Section<'a>> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// The section a heading line opens, if it is one.
pub fn heading(text: &str) -> Option<Kind> {
    let t = text.trim().trim_end_matches([':', '：']).trim();
    let lower = t.to_ascii_lowercase();
    let kind = match lower.as_str() {
        "请求参数" | "請求參數" | "request parameters" | "request parameter" | "请求参数说明" => {
            Kind::Request
        }
        "返回数据"
        | "返回参数"
        | "返回參數"
        | "返回資料"
        | "返回数据说明"
        | "response parameters"
        | "response parameter"
        | "response elements"
        | "响应参数"
        | "響應參數" => Kind::Response,
        "示例" | "範例" | "示例代码" | "examples" | "example" => Kind::Examples,
        "错误码" | "錯誤碼" | "error codes" | "error code" => Kind::Errors,
        "调试"
        | "調試"
        | "debugging"
        | "授权信息"
        | "授權資訊"
        | "授权信息说明"
        | "authorization information"
        | "接口说明"
        | "接口說明"
        | "请求语法"
        | "request syntax"
        | "变更历史"
        | "change history" => Kind::Other,
        _ => return None,
    };
    Some(kind)
}

/// Page chrome: lines that belong to the web page, not the reference.
pub fn is_chrome(text: &str) -> bool {
    let t = text.trim();
    const PREFIXES: [&str; 12] = [
        "更新时间",
        "更新時間",
        "复制为 MD 格式",
        "复制为MD格式",
        "複製",
        "复制",
        "Copy",
        "Last Updated",
        "Updated at",
        "本页导读",
        "我的收藏",
        "# source:",
    ];
    PREFIXES.iter().any(|p| t.starts_with(p))
        || t == "调试"
        || t.starts_with("您可以在OpenAPI Explorer")
        || t.starts_with("可在OpenAPI Explorer")
        || t.starts_with("You can call this operation directly in OpenAPI Explorer")
}

/// Splits `text` into numbered lines and sections. Chrome lines are dropped everywhere; blank lines are kept
/// inside sections (they separate paragraphs in the no-pipe layout).
pub fn parse(text: &str) -> Page<'_> {
    let mut preamble = Vec::new();
    let mut sections: Vec<Section<'_>> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = Line {
            no: i + 1,
            text: raw.trim_end_matches(['\r', ' ', '\t']),
        };
        if is_chrome(line.text) {
            continue;
        }
        if let Some(kind) = heading(line.text) {
            // A heading word inside a section of its own kind is content: `示例` inside the examples, the
            // `错误码` column header of the error table when cells stand one per line.
            let nested = kind != Kind::Other && sections.last().is_some_and(|s| s.kind == kind);
            if !nested {
                sections.push(Section {
                    kind,
                    heading: line.no,
                    lines: Vec::new(),
                });
                continue;
            }
        }
        match sections.last_mut() {
            Some(section) => section.lines.push(line),
            None if !line.text.trim().is_empty() => preamble.push(line),
            None => {}
        }
    }
    Page { preamble, sections }
}
