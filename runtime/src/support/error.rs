//! Operation errors: generated as plain Rust enums (a variant per documented code, then `Service`,
//! `UnexpectedBody`, `Decode`, `Transport`); their methods, conversions and `parse_response` are here.

use crate::response::{FIELD_LIMIT, MESSAGE_LIMIT, ServiceError, bounded};

/// The service's error when a body says `Success: false` (the service does this with HTTP 200), or carries
/// no `Success` at all but an error `Code` (a gateway's `Throttling.User` answered with HTTP 200): its status
/// is the body's `HttpStatusCode` when that is a real HTTP status (100–599), else 200. Code and message are
/// bounded like an error envelope's ([`crate::response::FIELD_LIMIT`], [`crate::response::MESSAGE_LIMIT`]).
pub fn unsuccessful(
    success: Option<bool>,
    http_status: Option<i64>,
    code: Option<&str>,
    message: Option<&str>,
    request_id: Option<&str>,
) -> Option<ServiceError> {
    let failed = match success {
        Some(success) => !success,
        None => code.is_some_and(is_error_code),
    };
    if !failed {
        return None;
    }
    let bounded = |text: Option<&str>, limit| bounded(text.unwrap_or_default().to_owned(), limit);
    Some(ServiceError {
        status: http_status
            .and_then(|s| u16::try_from(s).ok())
            .filter(|s| (100..=599).contains(s))
            .unwrap_or(200),
        code: bounded(code, FIELD_LIMIT),
        message: bounded(message, MESSAGE_LIMIT),
        request_id: request_id.map(|id| bounded(Some(id), FIELD_LIMIT)),
        host_id: None,
        recommend: None,
        client_string_to_sign: None,
    })
}

/// Whether a `Code` names an error. Successful bodies say `OK` (121 of the product's examples), `Success`,
/// `200` or `0`, or nothing; error codes are words (`Throttling.User`, `NotExist.Instance`).
fn is_error_code(code: &str) -> bool {
    let code = code.trim();
    let success = ["ok", "success", "successful"]
        .iter()
        .any(|s| code.eq_ignore_ascii_case(s));
    !success && code.bytes().any(|b| b.is_ascii_alphabetic())
}

/// For a generated operation error enum: `from_service`, `service_error`, `code`, `Display`, `Error`,
/// `From<Failure>`, `From<TransportError>`, and the operation's `parse_response` (which also turns a `Success: false` body into
/// an error when the response has `unsuccessful()`):
/// `operation_error!(ModifyJobGroupError for ModifyJobGroupResponse in "ModifyJobGroupResponse"
/// { NotExistInstance = "NotExist.Instance" } checked)`.
#[macro_export]
macro_rules! operation_error {
    ($ty:ident for $response:ident in $root:literal { $($variant:ident = $code:literal),* $(,)? } $($checked:ident)?) => {
        impl $ty {
            /// Sorts a service error into its documented variant, or `Service`.
            pub fn from_service(error: $crate::response::ServiceError) -> Self {
                match error.code.as_str() {
                    $($code => Self::$variant(error),)*
                    _ => Self::Service(error),
                }
            }

            /// The service's error, for every variant that has one.
            pub fn service_error(&self) -> ::std::option::Option<&$crate::response::ServiceError> {
                match self {
                    $(Self::$variant(error) |)* Self::Service(error) => ::std::option::Option::Some(error),
                    _ => ::std::option::Option::None,
                }
            }

            /// The service's error code, when the service sent one.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.service_error().map(|e| e.code.as_str())
            }
        }

        impl $crate::response::WithServiceError for $ty {
            fn service_error_mut(&mut self) -> ::std::option::Option<&mut $crate::response::ServiceError> {
                match self {
                    $(Self::$variant(error) |)* Self::Service(error) => ::std::option::Option::Some(error),
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Self::UnexpectedBody(e) => ::std::fmt::Display::fmt(e, f),
                    Self::Decode(e) => ::std::fmt::Display::fmt(e, f),
                    Self::Transport(e) => ::std::fmt::Display::fmt(e, f),
                    other => match other.service_error() {
                        ::std::option::Option::Some(e) => ::std::fmt::Display::fmt(e, f),
                        ::std::option::Option::None => f.write_str("unknown error"),
                    },
                }
            }
        }

        impl ::std::error::Error for $ty {}

        impl ::std::convert::From<$crate::transport_error::TransportError> for $ty {
            fn from(error: $crate::transport_error::TransportError) -> Self {
                Self::Transport(error)
            }
        }

        impl ::std::convert::From<$crate::response::Failure> for $ty {
            fn from(failure: $crate::response::Failure) -> Self {
                match failure {
                    $crate::response::Failure::Service(e) => Self::from_service(e),
                    $crate::response::Failure::Unexpected(e) => Self::UnexpectedBody(e),
                    $crate::response::Failure::Decode(e) => Self::Decode(e),
                }
            }
        }

        /// Turns an HTTP answer into the response or its error.
        ///
        /// A 2xx body is decoded in `format`; any other status is the service's error envelope (JSON or
        /// XML), or `UnexpectedBody` with the status and a bounded excerpt when the body is not one. When
        /// the response has Alibaba's `Success` field, an HTTP 200 answer whose body says `Success: false`
        /// is an error too (see the response's `unsuccessful()`): a failed call is never an `Ok`.
        #[allow(clippy::result_large_err)] // the error is the rare path; variants hold the service error unboxed
        pub fn parse_response(
            status: u16,
            content_type: ::std::option::Option<&str>,
            format: $crate::Format,
            body: &[u8],
        ) -> ::std::result::Result<$response, $ty> {
            let response: $response =
                $crate::response::read_answer(status, content_type, format, body, $root)?;
            $(
                let $checked = response.unsuccessful();
                if let ::std::option::Option::Some(error) = $checked {
                    return ::std::result::Result::Err($ty::from_service(error));
                }
            )?
            ::std::result::Result::Ok(response)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::unsuccessful;

    #[test]
    fn success_false_with_a_status_that_is_no_http_status_reports_200() {
        for status in [Some(0), Some(-1), Some(99), Some(600), Some(70_000), None] {
            let e = unsuccessful(Some(false), status, Some("C"), Some("m"), None).unwrap();
            assert_eq!(e.status, 200, "{status:?}");
        }
        let e = unsuccessful(Some(false), Some(403), Some("C"), None, None).unwrap();
        assert_eq!(e.status, 403);
    }

    #[test]
    fn an_error_code_without_success_is_unsuccessful() {
        let e = unsuccessful(
            None,
            None,
            Some("Throttling.User"),
            Some("slow down"),
            Some("R"),
        )
        .unwrap();
        assert_eq!(
            (e.status, e.code.as_str(), e.message.as_str()),
            (200, "Throttling.User", "slow down")
        );
        for ok in [
            None,
            Some("OK"),
            Some("ok"),
            Some("Success"),
            Some("200"),
            Some("0"),
            Some(""),
        ] {
            assert_eq!(unsuccessful(None, None, ok, None, None), None, "{ok:?}");
        }
        // `Success: true` wins over the code.
        assert_eq!(
            unsuccessful(Some(true), None, Some("Throttling.User"), None, None),
            None
        );
    }

    #[test]
    fn a_huge_message_is_bounded() {
        let message = "m".repeat(2 * 1024 * 1024);
        let e = unsuccessful(Some(false), None, Some("C"), Some(&message), None).unwrap();
        assert_eq!(e.message.len(), crate::response::MESSAGE_LIMIT + 3);
    }
}
