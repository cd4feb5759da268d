//! What descriptions carry: enum values with meanings (`Urgent:紧急任务。 Daily:日常任务。`,
//! `Once 不重复，Day 每天重复…`, bullet lists), historic parameters (`历史参数`, `不再使用`, `已废弃`), value
//! lists the page truncated (`取值范围:` followed by nothing), JSON in a string.

/// Words that announce a list of values.
const TRIGGERS: [&str; 9] = [
    "取值范围",
    "取值範圍",
    "取值如下",
    "可选值",
    "枚举值",
    "Valid values",
    "valid values",
    "Enumeration",
    "取值",
];

/// Marks of a historic / no longer used parameter.
const HISTORIC: [&str; 7] = [
    "历史参数",
    "歷史參數",
    "不再使用",
    "已废弃",
    "已廢棄",
    "Deprecated",
    "deprecated",
];

/// What a description says beyond its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Described {
    /// The historic note (`历史参数,不再使用`).
    pub historic: Option<String>,
    /// Enum values with their meanings, in page order.
    pub values: Vec<(String, Option<String>)>,
    /// The text before the values, as the enum's description.
    pub enum_description: Option<String>,
    /// A value list was announced but is empty (the page truncated it).
    pub truncated: bool,
    /// The description says the value is JSON.
    pub mentions_json: bool,
}

/// Analyses a description; `example` is the row's example value (a value run without a trigger word is only
/// taken as an enum when the example is one of its values).
pub fn analyse(description: &str, example: &str) -> Described {
    let mut out = Described {
        historic: historic(description),
        mentions_json: description.to_ascii_lowercase().contains("json"),
        ..Described::default()
    };
    let trigger = TRIGGERS
        .iter()
        .filter_map(|t| description.find(t).map(|at| (at, *t)))
        .min_by_key(|(at, _)| *at);
    let (prefix, body, triggered) = match trigger {
        Some((at, word)) => (
            &description[..at],
            description[at + word.len()..].trim_start_matches([':', '：', ',', '，', ' ', '\n']),
            true,
        ),
        None => ("", description, false),
    };
    let values = values(body);
    let settled = triggered || (values.len() >= 2 && values.iter().any(|(v, _)| v == example));
    if settled && !values.is_empty() {
        let prefix = if triggered {
            prefix
        } else {
            // `重复执行方式,Once 不重复,…`: the text before the first value.
            let first = &values[0].0;
            description
                .find(first.as_str())
                .map_or("", |at| &description[..at])
        };
        out.enum_description = enum_description(prefix);
        out.values = values;
    } else if triggered && body.trim().is_empty() {
        out.truncated = true;
    }
    out
}

fn enum_description(prefix: &str) -> Option<String> {
    let p = prefix
        .trim()
        .trim_end_matches([',', '，', ':', '：', '。', '.', ' ', '、', ';', '；']);
    if p.is_empty() {
        return None;
    }
    let cjk = p.chars().any(|c| c as u32 >= 0x2E80);
    Some(format!("{p}{}", if cjk { "。" } else { "." }))
}

fn historic(description: &str) -> Option<String> {
    // A parenthesised note: `场景ID。(历史参数,后续使用ScriptId)`.
    for (open, close) in [('(', ')'), ('（', '）')] {
        let mut rest = description;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            let inner = after[..end].trim();
            if HISTORIC.iter().any(|h| inner.contains(h)) {
                return Some(inner.to_string());
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    // A sentence: `已废弃。`, `Deprecated.`
    description
        .split(['。', '\n', ';', '；'])
        .map(str::trim)
        .find(|s| HISTORIC.iter().any(|h| s.contains(h)))
        .map(|s| s.trim_end_matches(['.', '。']).to_string())
        .filter(|s| !s.is_empty())
}

fn is_value(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 64
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Values in `text`: bullets (`• PENDING:…`), `Value:meaning` runs, or `Value meaning` segments.
fn values(text: &str) -> Vec<(String, Option<String>)> {
    let colon = colon_run(text);
    if !colon.is_empty() {
        return colon;
    }
    space_run(text)
}

/// `Urgent:紧急任务。 Daily:日常任务。` and bullets `• PENDING: waiting`: every `Word:` (at the start, after
/// whitespace, a bullet or punctuation) starts a value whose meaning runs to the next one.
fn colon_run(text: &str) -> Vec<(String, Option<String>)> {
    let mut starts = Vec::new(); // (start of word, end of colon, word)
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if c != ':' && c != '：' {
            continue;
        }
        // The word before the colon.
        let mut b = k;
        while b > 0 {
            let p = chars[b - 1].1;
            if p.is_ascii_alphanumeric() || matches!(p, '_' | '-' | '.') {
                b -= 1;
            } else {
                break;
            }
        }
        if b == k {
            continue;
        }
        let boundary = b == 0 || {
            let p = chars[b - 1].1;
            p.is_whitespace()
                || matches!(
                    p,
                    '•' | '·' | '。' | '，' | ',' | ';' | '；' | '、' | '-' | '*'
                )
        };
        if !boundary {
            continue;
        }
        let word = &text[chars[b].0..at];
        if is_value(word) {
            starts.push((chars[b].0, at + c.len_utf8(), word.to_string()));
        }
    }
    let mut out = Vec::new();
    for (i, (_, after, word)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |n| n.0);
        let meaning = text[*after..end]
            .trim()
            .trim_end_matches(['•', '·', '-', '*'])
            .trim();
        out.push((
            word.clone(),
            Some(meaning.to_string()).filter(|m| !m.is_empty()),
        ));
    }
    out
}

/// `Once 不重复,Day 每天重复,Week 每周重复`: segments split by commas; leading segments that are not
/// `Value meaning` are skipped, and every later one must be.
fn space_run(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for segment in text.split([',', '，', '、', ';', '；', '\n']) {
        let s = segment.trim().trim_end_matches(['。', '.']);
        if s.is_empty() {
            continue;
        }
        let mut it = s.splitn(2, char::is_whitespace);
        let word = it.next().unwrap_or("");
        let meaning = it.next().map(str::trim).unwrap_or("");
        let ok = is_value(word)
            && word.chars().any(|c| c.is_ascii_alphabetic())
            && !meaning.is_empty()
            && meaning.chars().next().is_some_and(|c| !c.is_ascii());
        if ok {
            out.push((word.to_string(), Some(meaning.to_string())));
        } else if !out.is_empty() {
            return Vec::new();
        }
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_values_after_a_trigger() {
        let d = analyse(
            "作业组优先级,取值范围 Urgent:紧急任务。 Daily:日常任务。",
            "Daily",
        );
        assert_eq!(
            d.values,
            [
                ("Urgent".to_string(), Some("紧急任务。".to_string())),
                ("Daily".to_string(), Some("日常任务。".to_string()))
            ]
        );
        assert_eq!(d.enum_description.as_deref(), Some("作业组优先级。"));
    }

    #[test]
    fn space_values_confirmed_by_the_example() {
        let d = analyse(
            "重复执行方式,Once 不重复,Day 每天重复,Week 每周重复,Month 每月重复。",
            "Once",
        );
        let names: Vec<&str> = d.values.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(names, ["Once", "Day", "Week", "Month"]);
        assert_eq!(d.values[1].1.as_deref(), Some("每天重复"));
        assert_eq!(d.enum_description.as_deref(), Some("重复执行方式。"));
        // Without the example among them, a run is not an enum.
        assert!(
            analyse("重复执行方式,Once 不重复,Day 每天重复", "Year")
                .values
                .is_empty()
        );
    }

    #[test]
    fn json_key_lists_are_not_enums() {
        let d = analyse(
            "作业组执行策略 name:策略名称 maxAttemptsPerDay:号码每天最大呼叫次数",
            "{}",
        );
        assert!(d.values.is_empty());
    }

    #[test]
    fn truncated_lists_and_historic_notes() {
        assert!(analyse("任务状态,取值范围:", "Draft").truncated);
        assert!(analyse("Job status. Valid values:", "completed").truncated);
        assert_eq!(
            analyse("场景ID。(历史参数,后续使用ScriptId)", "")
                .historic
                .as_deref(),
            Some("历史参数,后续使用ScriptId")
        );
        assert_eq!(
            analyse("通知类实例使用的话术文本列表。 已废弃。", "")
                .historic
                .as_deref(),
            Some("已废弃")
        );
        assert_eq!(
            analyse("Old field. Deprecated.", "").historic.as_deref(),
            Some("Old field. Deprecated")
        );
    }

    #[test]
    fn bullets() {
        let d = analyse(
            "Status. Valid values:\n  • PENDING: waiting\n  • DONE: finished",
            "DONE",
        );
        let names: Vec<&str> = d.values.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(names, ["PENDING", "DONE"]);
    }
}
