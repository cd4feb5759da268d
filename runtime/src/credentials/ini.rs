//! Just enough ini for `~/.alibabacloud/credentials`: `[section]` headers, `key = value` lines, `#` and `;`
//! comments (whole lines, or after whitespace at the end of a line). Errors give the line number and never
//! the line, which may hold a secret.

/// The sections of a file, in order, each with its keys in order.
pub(super) type Sections = Vec<(String, Vec<(String, String)>)>;

/// Parses `text`; `Err` says which line is wrong and how.
pub(super) fn parse(text: &str) -> Result<Sections, String> {
    let mut sections: Sections = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = strip_comment(raw.trim_start_matches('\u{feff}')).trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some(name) = rest.strip_suffix(']') else {
                return Err(format!("line {number}: a section header must end with `]`"));
            };
            let name = name.trim();
            if name.is_empty() {
                return Err(format!("line {number}: empty section name"));
            }
            sections.push((name.to_owned(), Vec::new()));
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {number}: expected `key = value`"));
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(format!("line {number}: empty key"));
        }
        let Some((_, entries)) = sections.last_mut() else {
            return Err(format!("line {number}: a key before any `[section]`"));
        };
        entries.push((key.to_owned(), unquote(value.trim()).to_owned()));
    }
    Ok(sections)
}

/// The line up to a comment: `#` or `;` at its start or after whitespace.
fn strip_comment(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with(';') {
        return "";
    }
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'#' || b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return &line[..i];
        }
    }
    line
}

/// A value in matching double or single quotes loses them.
fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

/// The keys of `name`, if the file has that section (the last one wins if it appears twice).
pub(super) fn section<'a>(sections: &'a Sections, name: &str) -> Option<&'a [(String, String)]> {
    sections
        .iter()
        .rev()
        .find(|(section, _)| section == name)
        .map(|(_, entries)| entries.as_slice())
}

/// The value of `key` in `entries` (the last one wins), if set and not empty.
pub(super) fn value<'a>(entries: &'a [(String, String)], key: &str) -> Option<&'a str> {
    entries
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{parse, section, value};

    #[test]
    fn sections_keys_and_comments() {
        let text = "\
# the shared credentials file
[default]                          # Default credential
type = access_key                  # Certification type: access_key
access_key_id = foo
access_key_secret = \"b#r\"
; another comment

[client1]
type=ecs_ram_role
role_name =
";
        let sections = parse(text).unwrap();
        let default = section(&sections, "default").unwrap();
        assert_eq!(value(default, "type"), Some("access_key"));
        assert_eq!(value(default, "access_key_id"), Some("foo"));
        assert_eq!(value(default, "access_key_secret"), Some("b#r"));
        let client = section(&sections, "client1").unwrap();
        assert_eq!(value(client, "type"), Some("ecs_ram_role"));
        assert_eq!(value(client, "role_name"), None);
        assert!(section(&sections, "absent").is_none());
    }

    #[test]
    fn errors_name_the_line_not_its_text() {
        assert_eq!(
            parse("[default]\naccess_key_secret s3cr3t\n"),
            Err("line 2: expected `key = value`".to_owned())
        );
        assert_eq!(
            parse("key = s3cr3t\n"),
            Err("line 1: a key before any `[section]`".to_owned())
        );
        assert_eq!(
            parse("[default\n"),
            Err("line 1: a section header must end with `]`".to_owned())
        );
        assert_eq!(parse("[ ]"), Err("line 1: empty section name".to_owned()));
    }
}
