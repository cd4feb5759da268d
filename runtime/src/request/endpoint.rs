//! Where a request goes: the scheme and `host[:port]` of the gateway.
//!
//! RPC calls always use path `/`, so an endpoint is just a scheme and an authority. The caller's override
//! wins (tests point it at `http://127.0.0.1:PORT`); otherwise the operation's template gets the region.
//! Everything is validated here, once, so that building the URI and the `host` header later cannot fail.

use http::uri::{Authority, Scheme};

use super::{BuildError, Config, OperationInfo};

/// The placeholder in [`OperationInfo::endpoint_template`] that is replaced by the region.
pub const REGION_PLACEHOLDER: &str = "{region}";

/// A validated scheme and authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Endpoint {
    pub(crate) scheme: Scheme,
    pub(crate) authority: Authority,
}

/// Picks the override or fills the template, then validates the result.
pub(super) fn resolve(op: &OperationInfo, config: &Config) -> Result<Endpoint, BuildError> {
    match &config.endpoint {
        Some(endpoint) => parse(endpoint),
        None => {
            let filled = op
                .endpoint_template
                .replace(REGION_PLACEHOLDER, &config.region);
            if op.endpoint_template.contains(REGION_PLACEHOLDER) && !valid_region(&config.region) {
                // `outboundbot..aliyuncs.com` would parse as a host and fail only at DNS time, far from the cause.
                return Err(BuildError::InvalidEndpoint {
                    endpoint: filled,
                    reason: "the region is not a region id (lower-case letters, digits and '-', e.g. cn-shanghai)",
                });
            }
            parse(&filled)
        }
    }
}

/// Whether `region` can fill an endpoint template: a non-empty DNS label of lower-case letters, digits and
/// `-` that neither starts nor ends with `-` (`cn-shanghai`, `ap-southeast-1`).
pub fn valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 63
        && !region.starts_with('-')
        && !region.ends_with('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses `https://host[:port]`, `http://host[:port]` or a bare `host[:port]` (which means https).
/// A single trailing `/` is accepted; any other path, a query, a fragment or user info is rejected.
pub(crate) fn parse(endpoint: &str) -> Result<Endpoint, BuildError> {
    let invalid = |reason: &'static str| BuildError::InvalidEndpoint {
        endpoint: endpoint.to_owned(),
        reason,
    };

    let (scheme, rest) = match endpoint.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (Scheme::HTTPS, rest),
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (Scheme::HTTP, rest),
        Some(_) => return Err(invalid("the scheme must be http or https")),
        None => (Scheme::HTTPS, endpoint),
    };
    let host_port = rest.strip_suffix('/').unwrap_or(rest);
    if host_port.is_empty() {
        return Err(invalid("the host is empty"));
    }
    if host_port.contains(['/', '?', '#']) {
        return Err(invalid("RPC endpoints take no path, query or fragment"));
    }
    if host_port.contains('@') {
        return Err(invalid("user info is not allowed in an endpoint"));
    }
    let authority: Authority = host_port
        .parse()
        .map_err(|_| invalid("not a valid host[:port]"))?;
    // `Authority` checks the characters but not the port: anything after the host must be a u16.
    if authority.as_str() != authority.host() && authority.port_u16().is_none() {
        return Err(invalid("not a valid host[:port]"));
    }
    Ok(Endpoint { scheme, authority })
}

#[cfg(test)]
mod tests {
    use http::uri::Scheme;

    use super::{BuildError, parse, valid_region};

    #[test]
    fn region_ids() {
        for ok in [
            "cn-shanghai",
            "ap-southeast-1",
            "us-west-1",
            "cn-hangzhou-finance",
        ] {
            assert!(valid_region(ok), "{ok}");
        }
        for bad in [
            "",
            "-",
            "cn-",
            "-cn",
            "CN-shanghai",
            "cn.shanghai",
            "cn shanghai",
            "cn/x",
        ] {
            assert!(!valid_region(bad), "{bad:?}");
        }
    }

    #[test]
    fn bare_hosts_get_https() {
        let endpoint = parse("outboundbot.cn-shanghai.aliyuncs.com").expect("valid");
        assert_eq!(endpoint.scheme, Scheme::HTTPS);
        assert_eq!(
            endpoint.authority.as_str(),
            "outboundbot.cn-shanghai.aliyuncs.com"
        );
    }

    #[test]
    fn explicit_schemes_and_ports_are_kept() {
        let endpoint = parse("http://127.0.0.1:8080/").expect("valid");
        assert_eq!(endpoint.scheme, Scheme::HTTP);
        assert_eq!(endpoint.authority.as_str(), "127.0.0.1:8080");
        let endpoint = parse("HTTPS://[::1]:443").expect("valid");
        assert_eq!(endpoint.scheme, Scheme::HTTPS);
        assert_eq!(endpoint.authority.as_str(), "[::1]:443");
    }

    #[test]
    fn bad_endpoints_are_rejected_with_a_reason() {
        for (endpoint, reason) in [
            ("ftp://example.com", "the scheme must be http or https"),
            ("http://", "the host is empty"),
            ("", "the host is empty"),
            (
                "http://example.com/api",
                "RPC endpoints take no path, query or fragment",
            ),
            (
                "example.com?x=1",
                "RPC endpoints take no path, query or fragment",
            ),
            (
                "http://user:pw@example.com",
                "user info is not allowed in an endpoint",
            ),
            ("exa mple.com", "not a valid host[:port]"),
            ("example.com:notaport", "not a valid host[:port]"),
            ("example.com:", "not a valid host[:port]"),
            ("example.com:65536", "not a valid host[:port]"),
        ] {
            assert_eq!(
                parse(endpoint),
                Err(BuildError::InvalidEndpoint {
                    endpoint: endpoint.to_owned(),
                    reason
                }),
                "{endpoint}"
            );
        }
    }
}
