//! Property tests over generated types (`proptest`):
//! - any response value encodes to JSON and to XML and decodes back equal;
//! - any request flattens to the pairs its spec says, and the percent-encoded canonical query of those pairs
//!   parses back to the same pairs.
//!
//! Response values are generated from the shape of each operation's documented example: the example is
//! decoded, seen as a JSON tree through the `serde` feature, and its leaves are replaced, cleared or
//! duplicated at random before it is read back into the typed value. So every field the example shows is
//! exercised with arbitrary content, without a hand-written generator per type.

use outboundbot::modify_job_group::{self, JobGroupStatus, ModifyJobGroupRequest, Priority};
use outboundbot::{describe_job_group, describe_script, list_instances, list_job_groups};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

// ----- response values -----

/// One change to one leaf of the example's JSON tree (the index picks the leaf, modulo their number).
#[derive(Debug, Clone)]
enum Edit {
    Text(String),
    Integer(i32),
    Float(f64),
    Flag(bool),
    /// A scalar becomes absent, an array empty.
    Clear,
    /// An array gets a copy of its first element.
    Duplicate,
}

/// Text that exercises escaping in both formats: markup, entities, CDATA ends, quotes, whitespace at the
/// edges, non-ASCII and astral characters. Characters XML 1.0 cannot carry (most C0 controls, U+FFFE/FFFF)
/// are left out: `to_xml` replaces them by policy, which `xml_characters.rs` tests.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 <>&'\"/=;:.,!?\\]\\[{}\\t\\n阿里😀é-]{0,24}",
        Just("]]>".to_string()),
        Just("&amp;&lt;".to_string()),
        Just("<![CDATA[x]]>".to_string()),
        Just("  padded  ".to_string()),
        Just(String::new()),
        any::<String>().prop_map(|s| s.chars().filter(|c| xml_char(*c)).collect()),
    ]
}

/// XML 1.0's `Char` production.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => text().prop_map(Edit::Text),
        1 => any::<i32>().prop_map(Edit::Integer),
        1 => (-1.0e6f64..1.0e6).prop_map(Edit::Float),
        1 => any::<bool>().prop_map(Edit::Flag),
        1 => Just(Edit::Clear),
        1 => Just(Edit::Duplicate),
    ]
}

/// How many edit targets a tree has: every scalar and every array (objects only hold them).
fn count_targets(value: &Value) -> usize {
    match value {
        Value::Object(map) => map.values().map(count_targets).sum(),
        Value::Array(items) => 1 + items.iter().map(count_targets).sum::<usize>(),
        _ => 1,
    }
}

/// Applies `edit` to target number `*index` (depth first, the order `count_targets` counts in). Returns
/// true once applied. An edit that does not fit the target's kind (text on a number, say) is skipped, so
/// the tree keeps the example's shape and still reads back into the typed value.
fn apply(value: &mut Value, index: &mut usize, edit: &Edit) -> bool {
    if let Value::Object(map) = value {
        return map.values_mut().any(|v| apply(v, index, edit));
    }
    if *index == 0 {
        match (&mut *value, edit) {
            (Value::Array(items), Edit::Clear) => items.clear(),
            (Value::Array(items), Edit::Duplicate) => {
                if let Some(first) = items.first().cloned() {
                    items.push(first);
                }
            }
            (Value::Array(_), _) => {}
            (_, Edit::Clear) => *value = Value::Null,
            (Value::String(s), Edit::Text(t)) => *s = t.clone(),
            (Value::Number(n), Edit::Integer(i)) if n.is_i64() || n.is_u64() => {
                *value = Value::from(*i);
            }
            (Value::Number(n), Edit::Float(f)) if n.is_f64() => *value = Value::from(*f),
            (Value::Bool(b), Edit::Flag(f)) => *b = *f,
            _ => {}
        }
        return true;
    }
    *index -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|v| apply(v, index, edit)),
        _ => false,
    }
}

/// A response type with its generated codecs.
trait Codec: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug {
    const EXAMPLE_JSON: &'static str;
    fn from_json(body: &[u8]) -> Result<Self, aliyun_rpc_runtime::decode::DecodeError>;
    fn from_xml(body: &[u8]) -> Result<Self, aliyun_rpc_runtime::decode::DecodeError>;
    fn to_json(&self) -> String;
    fn to_xml(&self) -> String;
}

macro_rules! codec {
    ($($module:ident :: $ty:ident),* $(,)?) => {$(
        impl Codec for $module::$ty {
            const EXAMPLE_JSON: &'static str = $module::EXAMPLE_RESPONSE_JSON;
            fn from_json(body: &[u8]) -> Result<Self, aliyun_rpc_runtime::decode::DecodeError> {
                Self::from_json(body)
            }
            fn from_xml(body: &[u8]) -> Result<Self, aliyun_rpc_runtime::decode::DecodeError> {
                Self::from_xml(body)
            }
            fn to_json(&self) -> String {
                self.to_json()
            }
            fn to_xml(&self) -> String {
                self.to_xml()
            }
        }
    )*};
}

codec!(
    modify_job_group::ModifyJobGroupResponse,
    list_job_groups::ListJobGroupsResponse,
    describe_job_group::DescribeJobGroupResponse,
    list_instances::ListInstancesResponse,
    describe_script::DescribeScriptResponse,
);

/// The example of `T`, edited, as a typed value.
fn edited<T: Codec>(edits: &[(usize, Edit)]) -> T {
    let example = <T as Codec>::from_json(T::EXAMPLE_JSON.as_bytes()).expect("the example decodes");
    let mut tree = serde_json::to_value(&example).expect("serialises");
    let targets = count_targets(&tree);
    for (pick, edit) in edits {
        apply(&mut tree, &mut (pick % targets), edit);
    }
    drop_cleared_elements(&mut tree);
    serde_json::from_value(tree).expect("an edited example keeps the type's shape")
}

/// A cleared list element is dropped (lists hold values, not absences).
fn drop_cleared_elements(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(drop_cleared_elements),
        Value::Array(items) => {
            items.retain(|v| !v.is_null());
            items.iter_mut().for_each(drop_cleared_elements);
        }
        _ => {}
    }
}

/// The two round trips, with the encoded text in the failure message.
fn round_trips<T: Codec>(edits: &[(usize, Edit)]) -> Result<(), TestCaseError> {
    let value: T = edited(edits);
    let json = value.to_json();
    let back = <T as Codec>::from_json(json.as_bytes());
    prop_assert_eq!(
        back.as_ref().ok(),
        Some(&value),
        "JSON: {}\n{:?}",
        json,
        back.as_ref().err()
    );
    let xml = value.to_xml();
    let back = <T as Codec>::from_xml(xml.as_bytes());
    prop_assert_eq!(
        back.as_ref().ok(),
        Some(&value),
        "XML: {}\n{:?}",
        xml,
        back.as_ref().err()
    );
    Ok(())
}

fn edits() -> impl Strategy<Value = Vec<(usize, Edit)>> {
    prop::collection::vec((any::<usize>(), edit()), 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// One of five response types (nested objects, lists of objects, enums, numbers, booleans), edited.
    #[test]
    fn responses_round_trip_through_json_and_xml(which in 0..5u8, e in edits()) {
        match which {
            0 => round_trips::<modify_job_group::ModifyJobGroupResponse>(&e)?,
            1 => round_trips::<list_job_groups::ListJobGroupsResponse>(&e)?,
            2 => round_trips::<describe_job_group::DescribeJobGroupResponse>(&e)?,
            3 => round_trips::<list_instances::ListInstancesResponse>(&e)?,
            _ => round_trips::<describe_script::DescribeScriptResponse>(&e)?,
        }
    }
}

// ----- request flattening and the canonical query -----

/// Percent-decoding written here, independent of the encoder: `%XX` to the byte, everything else as is.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Parses `k=v&k=v` back into pairs; `None` when any part is not what an encoder may write (only the
/// unreserved characters `A–Z a–z 0–9 - _ . ~` appear unescaped).
fn parse_query(query: &str) -> Option<Vec<(String, String)>> {
    let unreserved = |c: char| c.is_ascii_alphanumeric() || "-_.~%".contains(c);
    if query.is_empty() {
        return Some(Vec::new());
    }
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=')?;
            if !k.chars().chain(v.chars()).all(unreserved) {
                return None;
            }
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort();
    pairs
}

/// Checks that the request's query pairs are `expected` and that their canonical query parses back to them.
fn flattens_to(
    params: &aliyun_rpc_runtime::params::Params,
    expected: Vec<(String, String)>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(sorted(params.query.clone()), sorted(expected.clone()));
    prop_assert!(params.form.is_empty());
    let canonical = aliyun_rpc_runtime::sign::percent::canonical_query(&params.query);
    let parsed = parse_query(&canonical);
    prop_assert_eq!(
        parsed.map(sorted),
        Some(sorted(expected)),
        "canonical query: {}",
        canonical
    );
    Ok(())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), text()]
}

fn status() -> impl Strategy<Value = JobGroupStatus> {
    prop_oneof![
        Just(JobGroupStatus::from("Draft")),
        any_text().prop_map(JobGroupStatus::from),
    ]
}

prop_compose! {
    fn modify_job_group_request()(
        ids in (any_text(), any_text(), any_text()),
        optional in prop::collection::vec(prop::option::of(any_text()), 6),
        calling in prop::collection::vec(any_text(), 0..4),
        recall in prop::collection::vec(any_text(), 0..3),
        job_group_status in status(),
        ringing in prop::option::of(any::<i64>()),
        min_concurrency in any::<i64>(),
        priority in prop::option::of(any_text()),
    ) -> ModifyJobGroupRequest {
        let mut r = ModifyJobGroupRequest::new(ids.0, ids.1, ids.2, job_group_status, min_concurrency);
        r.scenario_id = optional[0].clone();
        r.description = optional[1].clone();
        r.strategy_json = optional[2].clone();
        r.recall_strategy_json = optional[3].clone();
        r.script_id = optional[4].clone();
        r.flash_sms_extras = optional[5].clone();
        r.calling_number = calling;
        r.recall_calling_number = recall;
        r.ringing_duration = ringing;
        r.priority = priority.map(Priority::from);
        r
    }
}

/// The pairs the spec says ModifyJobGroup sends, derived from the request's fields here rather than by the
/// code under test: one pair per set scalar, `Name.N` (from 1) per list element.
fn modify_job_group_pairs(r: &ModifyJobGroupRequest) -> Vec<(String, String)> {
    let mut out = vec![
        ("InstanceId".to_string(), r.instance_id.clone()),
        ("JobGroupId".to_string(), r.job_group_id.clone()),
        ("Name".to_string(), r.name.clone()),
        (
            "JobGroupStatus".to_string(),
            r.job_group_status.as_str().to_string(),
        ),
        ("MinConcurrency".to_string(), r.min_concurrency.to_string()),
    ];
    let optional = [
        ("ScenarioId", &r.scenario_id),
        ("Description", &r.description),
        ("StrategyJson", &r.strategy_json),
        ("RecallStrategyJson", &r.recall_strategy_json),
        ("ScriptId", &r.script_id),
        ("FlashSmsExtras", &r.flash_sms_extras),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            out.push((key.to_string(), v.clone()));
        }
    }
    if let Some(d) = r.ringing_duration {
        out.push(("RingingDuration".to_string(), d.to_string()));
    }
    if let Some(p) = &r.priority {
        out.push(("Priority".to_string(), p.as_str().to_string()));
    }
    for (key, list) in [
        ("CallingNumber", &r.calling_number),
        ("RecallCallingNumber", &r.recall_calling_number),
    ] {
        for (i, v) in list.iter().enumerate() {
            out.push((format!("{key}.{}", i + 1), v.clone()));
        }
    }
    out
}

prop_compose! {
    fn list_instances_request()(
        resource_group_id in prop::option::of(any_text()),
        name in prop::option::of(any_text()),
        pages in (prop::option::of(any::<i32>()), prop::option::of(any::<i32>())),
        tags in prop::collection::vec((prop::option::of(any_text()), prop::option::of(any_text())), 0..4),
    ) -> list_instances::ListInstancesRequest {
        let mut r = list_instances::ListInstancesRequest::new();
        r.resource_group_id = resource_group_id;
        r.name = name;
        r.page_number = pages.0;
        r.page_size = pages.1;
        r.tag = tags
            .into_iter()
            .map(|(key, value)| {
                let mut tag = list_instances::Tag::new();
                tag.key = key;
                tag.value = value;
                tag
            })
            .collect();
        r
    }
}

/// ListInstances: `Tag.N.Key` / `Tag.N.Value` for each tag's set fields (a repeat list of objects).
fn list_instances_pairs(r: &list_instances::ListInstancesRequest) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let text = [("ResourceGroupId", &r.resource_group_id), ("Name", &r.name)];
    for (key, value) in text {
        if let Some(v) = value {
            out.push((key.to_string(), v.clone()));
        }
    }
    for (key, value) in [("PageNumber", r.page_number), ("PageSize", r.page_size)] {
        if let Some(v) = value {
            out.push((key.to_string(), v.to_string()));
        }
    }
    for (i, tag) in r.tag.iter().enumerate() {
        for (field, value) in [("Key", &tag.key), ("Value", &tag.value)] {
            if let Some(v) = value {
                out.push((format!("Tag.{}.{field}", i + 1), v.clone()));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn modify_job_group_requests_flatten_and_survive_the_canonical_query(r in modify_job_group_request()) {
        flattens_to(&r.to_params(), modify_job_group_pairs(&r))?;
    }

    #[test]
    fn list_instances_requests_flatten_and_survive_the_canonical_query(r in list_instances_request()) {
        flattens_to(&r.to_params(), list_instances_pairs(&r))?;
    }
}
