//! What the file providers and the chain pass on to the providers they create: where variables are read,
//! the home directory, and the endpoints and HTTP client that tests point at loopback fakes.

use std::path::PathBuf;

use super::{
    CredentialsError, CredentialsUriProvider, EcsRamRoleProvider, Environment, OidcRoleProvider,
    RamRoleArnProvider,
};

#[derive(Debug, Clone, Default)]
pub(super) struct Settings {
    pub(super) env: Environment,
    pub(super) home_dir: Option<PathBuf>,
    pub(super) sts_endpoint: Option<String>,
    pub(super) metadata_endpoint: Option<String>,
    pub(super) http: Option<reqwest::Client>,
}

impl Settings {
    /// The configured home directory, else the environment's.
    pub(super) fn home(&self, provider: &'static str) -> Result<PathBuf, CredentialsError> {
        self.home_dir
            .clone()
            .or_else(|| self.env.home_dir())
            .ok_or_else(|| CredentialsError::NotConfigured {
                provider,
                reason: "no home directory (HOME is not set)".to_owned(),
            })
    }

    pub(super) fn oidc(&self, mut provider: OidcRoleProvider) -> OidcRoleProvider {
        if let Some(endpoint) = &self.sts_endpoint {
            provider = provider.with_sts_endpoint(endpoint.clone());
        }
        if let Some(http) = &self.http {
            provider = provider.with_http_client(http.clone());
        }
        provider
    }

    pub(super) fn ram_role(&self, mut provider: RamRoleArnProvider) -> RamRoleArnProvider {
        if let Some(endpoint) = &self.sts_endpoint {
            provider = provider.with_sts_endpoint(endpoint.clone());
        }
        if let Some(http) = &self.http {
            provider = provider.with_http_client(http.clone());
        }
        provider
    }

    pub(super) fn ecs(&self, mut provider: EcsRamRoleProvider) -> EcsRamRoleProvider {
        if let Some(endpoint) = &self.metadata_endpoint {
            provider = provider.with_metadata_endpoint(endpoint.clone());
        }
        if let Some(http) = &self.http {
            provider = provider.with_http_client(http.clone());
        }
        provider
    }

    pub(super) fn uri(&self, mut provider: CredentialsUriProvider) -> CredentialsUriProvider {
        if let Some(http) = &self.http {
            provider = provider.with_http_client(http.clone());
        }
        provider
    }
}
