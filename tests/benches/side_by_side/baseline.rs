//! The hand-written baseline: what a careful person would write for ModifyJobGroup without the generator.
//! `#[derive(Deserialize, Serialize)]` structs read and written by `serde_json` and quick-xml's serde
//! support, and a signer that collects the parameters, sorts them, percent-encodes and signs.
//!
//! Enum-typed fields are `String` here (the usual hand-written choice); absent fields are skipped on output,
//! as the generated encoders do.

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(rename = "ModifyJobGroupResponse", default)]
pub struct Response {
    #[serde(rename = "HttpStatusCode", skip_serializing_if = "Option::is_none")]
    pub http_status_code: Option<i32>,
    #[serde(rename = "Code", skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(rename = "Message", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(rename = "RequestId", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(rename = "Success", skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(rename = "JobGroup", skip_serializing_if = "Option::is_none")]
    pub job_group: Option<JobGroup>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct JobGroup {
    #[serde(rename = "Status", skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(rename = "ScenarioId", skip_serializing_if = "Option::is_none")]
    pub scenario_id: Option<String>,
    #[serde(rename = "JobGroupId", skip_serializing_if = "Option::is_none")]
    pub job_group_id: Option<String>,
    #[serde(rename = "CreationTime", skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<i64>,
    #[serde(rename = "JobGroupName", skip_serializing_if = "Option::is_none")]
    pub job_group_name: Option<String>,
    #[serde(rename = "JobFilePath", skip_serializing_if = "Option::is_none")]
    pub job_file_path: Option<String>,
    #[serde(
        rename = "JobGroupDescription",
        skip_serializing_if = "Option::is_none"
    )]
    pub job_group_description: Option<String>,
    #[serde(
        rename = "JobDataParsingTaskId",
        skip_serializing_if = "Option::is_none"
    )]
    pub job_data_parsing_task_id: Option<String>,
    #[serde(rename = "ScriptName", skip_serializing_if = "Option::is_none")]
    pub script_name: Option<String>,
    #[serde(rename = "ScriptVersion", skip_serializing_if = "Option::is_none")]
    pub script_version: Option<String>,
    #[serde(rename = "ModifyTime", skip_serializing_if = "Option::is_none")]
    pub modify_time: Option<String>,
    #[serde(rename = "CallingNumbers", skip_serializing_if = "Vec::is_empty")]
    pub calling_numbers: Vec<String>,
    #[serde(rename = "ExportProgress", skip_serializing_if = "Option::is_none")]
    pub export_progress: Option<ExportProgress>,
    #[serde(rename = "Strategy", skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Strategy>,
    #[serde(rename = "RecallStrategy", skip_serializing_if = "Option::is_none")]
    pub recall_strategy: Option<RecallStrategy>,
    #[serde(rename = "RingingDuration", skip_serializing_if = "Option::is_none")]
    pub ringing_duration: Option<i64>,
    #[serde(rename = "Priority", skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(rename = "MinConcurrency", skip_serializing_if = "Option::is_none")]
    pub min_concurrency: Option<i64>,
    #[serde(rename = "FlashSmsExtras", skip_serializing_if = "Option::is_none")]
    pub flash_sms_extras: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ExportProgress {
    #[serde(rename = "Status", skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(rename = "FileHttpUrl", skip_serializing_if = "Option::is_none")]
    pub file_http_url: Option<String>,
    #[serde(rename = "Progress", skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Strategy {
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    #[serde(rename = "StrategyName", skip_serializing_if = "Option::is_none")]
    pub strategy_name: Option<String>,
    #[serde(rename = "MaxAttemptsPerDay", skip_serializing_if = "Option::is_none")]
    pub max_attempts_per_day: Option<i32>,
    #[serde(rename = "FollowUpStrategy", skip_serializing_if = "Option::is_none")]
    pub follow_up_strategy: Option<String>,
    #[serde(rename = "EndTime", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<i64>,
    #[serde(rename = "Customized", skip_serializing_if = "Option::is_none")]
    pub customized: Option<String>,
    #[serde(rename = "IsTemplate", skip_serializing_if = "Option::is_none")]
    pub is_template: Option<bool>,
    #[serde(rename = "StartTime", skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
    #[serde(rename = "StrategyId", skip_serializing_if = "Option::is_none")]
    pub strategy_id: Option<String>,
    #[serde(rename = "RoutingStrategy", skip_serializing_if = "Option::is_none")]
    pub routing_strategy: Option<String>,
    #[serde(rename = "MinAttemptInterval", skip_serializing_if = "Option::is_none")]
    pub min_attempt_interval: Option<i32>,
    #[serde(
        rename = "StrategyDescription",
        skip_serializing_if = "Option::is_none"
    )]
    pub strategy_description: Option<String>,
    #[serde(rename = "RepeatBy", skip_serializing_if = "Option::is_none")]
    pub repeat_by: Option<String>,
    #[serde(rename = "WorkingTime", skip_serializing_if = "Vec::is_empty")]
    pub working_time: Vec<TimeFrame>,
    #[serde(rename = "RepeatDays", skip_serializing_if = "Vec::is_empty")]
    pub repeat_days: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct TimeFrame {
    #[serde(rename = "EndTime", skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(rename = "BeginTime", skip_serializing_if = "Option::is_none")]
    pub begin_time: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct RecallStrategy {
    #[serde(rename = "EmptyNumberIgnore", skip_serializing_if = "Option::is_none")]
    pub empty_number_ignore: Option<bool>,
    #[serde(rename = "InArrearsIgnore", skip_serializing_if = "Option::is_none")]
    pub in_arrears_ignore: Option<bool>,
    #[serde(rename = "OutOfServiceIgnore", skip_serializing_if = "Option::is_none")]
    pub out_of_service_ignore: Option<bool>,
}

/// The request as a person would write it: one field per parameter.
#[derive(Debug, Clone)]
pub struct Request {
    pub instance_id: String,
    pub job_group_id: String,
    pub name: String,
    pub scenario_id: Option<String>,
    pub description: Option<String>,
    pub strategy_json: Option<String>,
    pub recall_strategy_json: Option<String>,
    pub script_id: Option<String>,
    pub calling_number: Vec<String>,
    pub job_group_status: String,
    pub ringing_duration: Option<i64>,
    pub min_concurrency: i64,
    pub priority: Option<String>,
    pub flash_sms_extras: Option<String>,
    pub recall_calling_number: Vec<String>,
}

impl Request {
    /// The operation's own parameters, flattened (`CallingNumber.1`, …).
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("InstanceId".to_string(), self.instance_id.clone()),
            ("JobGroupId".to_string(), self.job_group_id.clone()),
            ("Name".to_string(), self.name.clone()),
            ("JobGroupStatus".to_string(), self.job_group_status.clone()),
            (
                "MinConcurrency".to_string(),
                self.min_concurrency.to_string(),
            ),
        ];
        let optional = [
            ("ScenarioId", &self.scenario_id),
            ("Description", &self.description),
            ("StrategyJson", &self.strategy_json),
            ("RecallStrategyJson", &self.recall_strategy_json),
            ("ScriptId", &self.script_id),
            ("Priority", &self.priority),
            ("FlashSmsExtras", &self.flash_sms_extras),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                out.push((key.to_string(), value.clone()));
            }
        }
        if let Some(d) = self.ringing_duration {
            out.push(("RingingDuration".to_string(), d.to_string()));
        }
        for (key, list) in [
            ("CallingNumber", &self.calling_number),
            ("RecallCallingNumber", &self.recall_calling_number),
        ] {
            for (i, v) in list.iter().enumerate() {
                out.push((format!("{key}.{}", i + 1), v.clone()));
            }
        }
        out
    }
}

const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn pct(s: &str) -> String {
    utf8_percent_encode(s, ESCAPED).to_string()
}

/// Sorts by key and joins `k=v` pairs, percent-encoded.
fn canonical(mut pairs: Vec<(String, String)>) -> String {
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The fixed inputs of one signed call.
pub struct Signing<'a> {
    pub endpoint: &'a str,
    pub access_key_id: &'a str,
    pub secret: &'a str,
    pub nonce: &'a str,
    pub timestamp: &'a str,
}

/// Signature V1 (HMAC-SHA1): the signed URL.
pub fn signed_v1_url(request: &Request, s: &Signing<'_>) -> String {
    let mut pairs = request.pairs();
    for (k, v) in [
        ("Action", "ModifyJobGroup"),
        ("Version", "2019-12-26"),
        ("Format", "JSON"),
        ("AccessKeyId", s.access_key_id),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", s.nonce),
        ("Timestamp", s.timestamp),
    ] {
        pairs.push((k.to_string(), v.to_string()));
    }
    let query = canonical(pairs);
    let string_to_sign = format!("POST&%2F&{}", pct(&query));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{}&", s.secret).as_bytes())
        .expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    format!(
        "https://{}/?{query}&Signature={}",
        s.endpoint,
        pct(&signature)
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Signature V3 (ACS3-HMAC-SHA256): the URL and the `Authorization` header.
pub fn signed_v3(request: &Request, s: &Signing<'_>) -> (String, String) {
    let mut pairs = request.pairs();
    pairs.push(("Format".to_string(), "JSON".to_string()));
    let query = canonical(pairs);
    let payload = hex(&sha2::Sha256::digest(b""));
    let headers = [
        ("host", s.endpoint),
        ("x-acs-action", "ModifyJobGroup"),
        ("x-acs-content-sha256", payload.as_str()),
        ("x-acs-date", s.timestamp),
        ("x-acs-signature-nonce", s.nonce),
        ("x-acs-version", "2019-12-26"),
    ];
    let mut canonical_request = format!("POST\n/\n{query}\n");
    for (k, v) in headers {
        canonical_request.push_str(&format!("{k}:{v}\n"));
    }
    let signed_headers = headers.map(|(k, _)| k).join(";");
    canonical_request.push_str(&format!("\n{signed_headers}\n{payload}"));
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex(&sha2::Sha256::digest(canonical_request.as_bytes()))
    );
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(s.secret.as_bytes()).expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    let authorization = format!(
        "ACS3-HMAC-SHA256 Credential={},SignedHeaders={signed_headers},Signature={}",
        s.access_key_id,
        hex(&mac.finalize().into_bytes())
    );
    (format!("https://{}/?{query}", s.endpoint), authorization)
}
