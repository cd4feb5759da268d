//! The [`ProvideCredentials`] trait: one async method, object safe, so a client holds an
//! `Arc<dyn ProvideCredentials>` whatever the source.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Credentials, CredentialsError};

/// What [`ProvideCredentials::provide`] returns: a boxed future, so the trait stays object safe without
/// `async-trait`.
pub type ProvideFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials.
///
/// `provide` is called before every attempt of every call, so a provider that goes to the network should
/// be wrapped in a `CachedProvider` (feature `client`; the client builder does this). `Debug` must not
/// show secrets.
///
/// A provider of your own:
///
/// ```
/// use aliyun_rpc_runtime::credentials::{Credentials, ProvideCredentials, ProvideFuture};
///
/// #[derive(Debug)]
/// struct FromVault;
///
/// impl ProvideCredentials for FromVault {
///     fn provide(&self) -> ProvideFuture<'_> {
///         Box::pin(async { Ok(Credentials::new("id-from-vault", "secret-from-vault")) })
///     }
///
///     fn name(&self) -> &'static str {
///         "vault"
///     }
/// }
/// ```
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Produces credentials, or says why it cannot.
    fn provide(&self) -> ProvideFuture<'_>;

    /// A short name for messages and spans, e.g. `env` or `ecs_ram_role` (the official libraries' provider
    /// names).
    fn name(&self) -> &'static str {
        "custom"
    }
}

/// Fixed credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }

    fn name(&self) -> &'static str {
        "static"
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide(&self) -> ProvideFuture<'_> {
        (**self).provide()
    }

    fn name(&self) -> &'static str {
        (**self).name()
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Box<P> {
    fn provide(&self) -> ProvideFuture<'_> {
        (**self).provide()
    }

    fn name(&self) -> &'static str {
        (**self).name()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::ProvideCredentials;
    use crate::credentials::Credentials;

    #[test]
    fn static_credentials_and_wrappers_provide_themselves() {
        let creds = Credentials::new("id", "secret");
        let shared: Arc<dyn ProvideCredentials> = Arc::new(creds.clone());
        let boxed: Box<dyn ProvideCredentials> = Box::new(creds.clone());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert_eq!(runtime.block_on(shared.provide()), Ok(creds.clone()));
        assert_eq!(runtime.block_on(boxed.provide()), Ok(creds));
        assert_eq!(shared.name(), "static");
    }
}
