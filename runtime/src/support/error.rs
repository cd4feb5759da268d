//! Operation errors: generated as plain Rust enums (a variant per documented code, then `Service`,
//! `UnexpectedBody`, `Decode`, `Transport`); their methods, conversions and `parse_response` are here.

use crate::response::ServiceError;

/// The service's error when a body says `Success: false` (the service does this with HTTP 200): its status
/// is the body's `HttpStatusCode` when present and valid, else 200.
pub fn unsuccessful(
    success: Option<bool>,
    http_status: Option<i64>,
    code: Option<&str>,
    message: Option<&str>,
    request_id: Option<&str>,
) -> Option<ServiceError> {
    if success != Some(false) {
        return None;
    }
    Some(ServiceError {
        status: http_status
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(200),
        code: code.unwrap_or_default().to_owned(),
        message: message.unwrap_or_default().to_owned(),
        request_id: request_id.map(str::to_owned),
        host_id: None,
        recommend: None,
    })
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
