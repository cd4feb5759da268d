//! What the two STS providers share: the endpoint, the session defaults, and reading the `AssumeRole*`
//! answer `{"RequestId": …, "AssumedRoleUser": {…}, "Credentials": {"AccessKeyId", "AccessKeySecret",
//! "SecurityToken", "Expiration"}}`.
//!
//! Endpoint rules as in `credentials-go` (`providers/ram_role_arn.go`, `providers/oidc.go`) and the Python
//! `alibabacloud-credentials` (`provider/ram_role_arn.py`, `provider/oidc.py`): `sts.aliyuncs.com`, or
//! `sts.<region>.aliyuncs.com` with `ALIBABA_CLOUD_STS_REGION`, `sts-vpc.<region>.aliyuncs.com` when
//! `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`; API version `2015-04-01`; sessions of 3600 s by default,
//! 900 s at least.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::http::{json_object, rejected, temporary_credentials};
use super::{Credentials, CredentialsError, Environment};
use crate::client::{RawResponse, Timeouts};

/// The global STS endpoint.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.aliyuncs.com";
/// Environment variable naming the region whose STS endpoint to use.
pub const STS_REGION_VAR: &str = "ALIBABA_CLOUD_STS_REGION";
/// Environment variable that, when `true`, picks the VPC STS endpoint (`sts-vpc.<region>.aliyuncs.com`).
pub const VPC_ENDPOINT_ENABLED_VAR: &str = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";
/// Environment variable holding the role session name.
pub const ROLE_SESSION_NAME_VAR: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

/// The STS API version both calls use.
pub(super) const STS_VERSION: &str = "2015-04-01";
/// The session length asked for by default.
pub(super) const DEFAULT_DURATION: Duration = Duration::from_secs(3600);
/// The shortest session STS grants.
pub(super) const MIN_DURATION: Duration = Duration::from_secs(900);
/// The official libraries' STS timeouts: 5 s to connect, 10 s to read.
pub(super) const STS_TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(5),
    request: Duration::from_secs(10),
};

/// The STS endpoint for `region` (none: the global one), over the VPC when `vpc`.
pub(super) fn sts_endpoint(region: Option<&str>, vpc: bool) -> String {
    let prefix = if vpc { "sts-vpc" } else { "sts" };
    match region {
        Some(region) if !region.is_empty() => format!("https://{prefix}.{region}.aliyuncs.com"),
        _ if vpc => "https://sts-vpc.aliyuncs.com".to_owned(),
        _ => DEFAULT_STS_ENDPOINT.to_owned(),
    }
}

/// The STS endpoint the environment asks for.
pub(super) fn sts_endpoint_from_env(env: &Environment) -> String {
    sts_endpoint(
        env.get(STS_REGION_VAR).as_deref(),
        env.is_true(VPC_ENDPOINT_ENABLED_VAR),
    )
}

/// A session name when none is given: `aliyun-rpc-runtime-<unix seconds>` (the official libraries use
/// `credentials-<language>-<time>`).
pub(super) fn default_session_name() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    format!("aliyun-rpc-runtime-{secs}")
}

/// Checks a session duration, in whole seconds.
pub(super) fn check_duration(
    provider: &'static str,
    duration: Duration,
) -> Result<u64, CredentialsError> {
    if duration < MIN_DURATION {
        return Err(CredentialsError::NotConfigured {
            provider,
            reason: format!(
                "the session duration must be at least {}s, not {}s",
                MIN_DURATION.as_secs(),
                duration.as_secs()
            ),
        });
    }
    Ok(duration.as_secs())
}

/// Reads an `AssumeRole` / `AssumeRoleWithOIDC` answer.
pub(super) fn read_answer(
    provider: &'static str,
    target: &str,
    answer: &RawResponse,
) -> Result<Credentials, CredentialsError> {
    if answer.status != 200 {
        return Err(rejected(provider, target, answer));
    }
    let body = json_object(provider, target, &answer.body)?;
    match body.get("Credentials") {
        Some(serde_json::Value::Object(credentials)) => {
            temporary_credentials(provider, target, credentials, "Credentials.")
        }
        Some(_) => Err(CredentialsError::InvalidAnswer {
            provider,
            target: target.to_owned(),
            reason: "field `Credentials` is not an object".to_owned(),
        }),
        None => Err(CredentialsError::InvalidAnswer {
            provider,
            target: target.to_owned(),
            reason: "field `Credentials` is missing".to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::{sts_endpoint, sts_endpoint_from_env};
    use crate::credentials::Environment;

    #[test]
    fn endpoints_follow_region_and_vpc() {
        assert_eq!(sts_endpoint(None, false), "https://sts.aliyuncs.com");
        assert_eq!(
            sts_endpoint(Some("cn-hangzhou"), false),
            "https://sts.cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            sts_endpoint(Some("cn-hangzhou"), true),
            "https://sts-vpc.cn-hangzhou.aliyuncs.com"
        );
        let env = Environment::from_pairs([
            ("ALIBABA_CLOUD_STS_REGION", "cn-shanghai"),
            ("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "True"),
        ]);
        assert_eq!(
            sts_endpoint_from_env(&env),
            "https://sts-vpc.cn-shanghai.aliyuncs.com"
        );
    }
}
