//! [`CachedProvider`]: keeps the last credentials and asks the provider again only when they are about to
//! expire, one refresh at a time.
//!
//! The official libraries cache each temporary-credential provider the same way: `credentials-go` renews
//! 180 s before `Expiration`, the Python library marks credentials stale 15 minutes before. Here the window
//! is [`DEFAULT_REFRESH_BEFORE`] (5 minutes) and configurable.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::provider::{ProvideCredentials, ProvideFuture};
use super::{Credentials, CredentialsError};

/// How long before their expiry cached credentials are renewed, by default.
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// The wall clock a [`CachedProvider`] compares expiries with; tests pass one they move by hand.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl Clock {
    /// [`SystemTime::now`].
    pub fn system() -> Self {
        Self::from_fn(SystemTime::now)
    }

    /// Time as `now` tells it.
    pub fn from_fn(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// Caches what `P` provides.
///
/// - Credentials without an expiry (long-term AccessKeys) are kept until [`CachedProvider::invalidate`].
/// - Credentials with one are served until `refresh_before` ahead of it; the next call then asks `P`.
/// - One refresh at a time: concurrent callers wait for the refresh under way and share its result instead
///   of each calling `P` (STS and the metadata service throttle).
/// - If a refresh fails while the cached credentials have not yet expired, those are served (and the next
///   call tries again); once they have expired, the error is returned.
///
/// ```no_run
/// use std::time::Duration;
/// use aliyun_rpc_runtime::credentials::{CachedProvider, EcsRamRoleProvider};
///
/// let provider = CachedProvider::new(EcsRamRoleProvider::new())
///     .with_refresh_before(Duration::from_secs(600));
/// ```
pub struct CachedProvider<P> {
    inner: P,
    refresh_before: Duration,
    clock: Clock,
    cached: Mutex<Option<Credentials>>,
    refresh: tokio::sync::Mutex<()>,
}

impl<P: ProvideCredentials> CachedProvider<P> {
    /// Caches `inner`'s credentials, renewing them [`DEFAULT_REFRESH_BEFORE`] ahead of their expiry.
    pub fn new(inner: P) -> Self {
        Self {
            inner,
            refresh_before: DEFAULT_REFRESH_BEFORE,
            clock: Clock::system(),
            cached: Mutex::new(None),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// Renews credentials `refresh_before` ahead of their expiry.
    pub fn with_refresh_before(mut self, refresh_before: Duration) -> Self {
        self.refresh_before = refresh_before;
        self
    }

    /// Reads the time from `clock`.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The wrapped provider.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// Forgets the cached credentials: the next call asks the provider (e.g. after the service rejected
    /// them).
    pub fn invalidate(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Credentials>> {
        // The guarded value is always whole (set in one assignment), so a poisoned lock is still usable.
        self.cached.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached credentials, if they are good for at least `refresh_before`.
    fn fresh(&self, now: SystemTime) -> Option<Credentials> {
        self.lock()
            .as_ref()
            .filter(|creds| match creds.expiry() {
                None => true,
                Some(expiry) => now
                    .checked_add(self.refresh_before)
                    .is_some_and(|soon| soon < expiry),
            })
            .cloned()
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        if let Some(creds) = self.fresh(self.clock.now()) {
            return Ok(creds);
        }
        let _refreshing = self.refresh.lock().await;
        // Whoever held the lock before may have refreshed already.
        let now = self.clock.now();
        if let Some(creds) = self.fresh(now) {
            return Ok(creds);
        }
        tracing::debug!(provider = self.inner.name(), "refreshing credentials");
        match self.inner.provide().await {
            Ok(creds) => {
                *self.lock() = Some(creds.clone());
                Ok(creds)
            }
            Err(err) => {
                let still_valid = self
                    .lock()
                    .as_ref()
                    .filter(|creds| creds.expiry().is_some_and(|expiry| now < expiry))
                    .cloned();
                match still_valid {
                    Some(creds) => {
                        tracing::warn!(
                            provider = self.inner.name(),
                            error = %err,
                            "refreshing credentials failed; using the cached ones until they expire"
                        );
                        Ok(creds)
                    }
                    None => Err(err),
                }
            }
        }
    }
}

impl<P: ProvideCredentials> ProvideCredentials for CachedProvider<P> {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.get())
    }

    fn name(&self) -> &'static str {
        self.inner.name()
    }
}

impl<P: fmt::Debug> fmt::Debug for CachedProvider<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self
            .cached
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        f.debug_struct("CachedProvider")
            .field("inner", &self.inner)
            .field("refresh_before", &self.refresh_before)
            // Credentials' own Debug redacts the secret and the token.
            .field("cached", &cached)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, SystemTime};

    use super::{CachedProvider, Clock};
    use crate::credentials::provider::{ProvideCredentials, ProvideFuture};
    use crate::credentials::{Credentials, CredentialsError};

    /// Hands out `id-N` credentials expiring `lifetime` after the shared clock's now, or fails when told.
    #[derive(Debug)]
    struct Counting {
        calls: AtomicUsize,
        lifetime: Option<Duration>,
        now: Arc<Mutex<SystemTime>>,
        fail: Arc<Mutex<bool>>,
        delay: Duration,
    }

    impl ProvideCredentials for Counting {
        fn provide(&self) -> ProvideFuture<'_> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(self.delay).await;
                if *self.fail.lock().unwrap() {
                    return Err(CredentialsError::Unreachable {
                        provider: "counting",
                        reason: "down".into(),
                    });
                }
                let creds = Credentials::new(format!("id-{n}"), "secret");
                Ok(match self.lifetime {
                    Some(lifetime) => creds.with_expiry(*self.now.lock().unwrap() + lifetime),
                    None => creds,
                })
            })
        }
    }

    struct Setup {
        cached: Arc<CachedProvider<Counting>>,
        now: Arc<Mutex<SystemTime>>,
        fail: Arc<Mutex<bool>>,
    }

    fn setup(lifetime: Option<Duration>, delay: Duration) -> Setup {
        let now = Arc::new(Mutex::new(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000),
        ));
        let fail = Arc::new(Mutex::new(false));
        let clock_now = Arc::clone(&now);
        let cached = CachedProvider::new(Counting {
            calls: AtomicUsize::new(0),
            lifetime,
            now: Arc::clone(&now),
            fail: Arc::clone(&fail),
            delay,
        })
        .with_clock(Clock::from_fn(move || *clock_now.lock().unwrap()));
        Setup {
            cached: Arc::new(cached),
            now,
            fail,
        }
    }

    impl Setup {
        fn advance(&self, by: Duration) {
            *self.now.lock().unwrap() += by;
        }

        fn calls(&self) -> usize {
            self.cached.inner().calls.load(Ordering::SeqCst)
        }

        async fn id(&self) -> String {
            self.cached
                .provide()
                .await
                .unwrap()
                .access_key_id()
                .to_owned()
        }
    }

    const MIN: Duration = Duration::from_secs(60);

    #[tokio::test]
    async fn long_term_credentials_are_fetched_once() {
        let s = setup(None, Duration::ZERO);
        assert_eq!(s.id().await, "id-0");
        s.advance(MIN * 60 * 24 * 365);
        assert_eq!(s.id().await, "id-0");
        assert_eq!(s.calls(), 1);
        s.cached.invalidate();
        assert_eq!(s.id().await, "id-1");
    }

    #[tokio::test]
    async fn temporary_credentials_are_renewed_five_minutes_early() {
        let s = setup(Some(MIN * 60), Duration::ZERO);
        assert_eq!(s.id().await, "id-0");
        s.advance(MIN * 54);
        assert_eq!(s.id().await, "id-0", "six minutes left: still fresh");
        s.advance(MIN * 2);
        assert_eq!(s.id().await, "id-1", "four minutes left: renewed");
        assert_eq!(s.id().await, "id-1");
        assert_eq!(s.calls(), 2);
    }

    #[tokio::test]
    async fn the_refresh_window_is_configurable() {
        let s = setup(Some(MIN * 60), Duration::ZERO);
        let cached = Arc::try_unwrap(s.cached)
            .ok()
            .unwrap()
            .with_refresh_before(MIN * 20);
        let cached = Arc::new(cached);
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "id-0");
        *s.now.lock().unwrap() += MIN * 41;
        assert_eq!(cached.provide().await.unwrap().access_key_id(), "id-1");
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_refresh() {
        let s = setup(Some(MIN * 60), Duration::from_millis(50));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let cached = Arc::clone(&s.cached);
                tokio::spawn(async move { cached.provide().await.unwrap() })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().access_key_id(), "id-0");
        }
        assert_eq!(s.calls(), 1);
    }

    #[tokio::test]
    async fn a_failed_refresh_serves_unexpired_credentials_then_fails() {
        let s = setup(Some(MIN * 10), Duration::ZERO);
        assert_eq!(s.id().await, "id-0");
        *s.fail.lock().unwrap() = true;
        s.advance(MIN * 7);
        assert_eq!(
            s.id().await,
            "id-0",
            "three minutes left: served while failing"
        );
        s.advance(MIN * 4);
        let err = s.cached.provide().await.unwrap_err();
        assert_eq!(err.to_string(), "counting: down");
        *s.fail.lock().unwrap() = false;
        assert_eq!(s.id().await, "id-3");
    }

    #[test]
    fn debug_redacts_the_cached_secret() {
        let cached = CachedProvider::new(Credentials::new("id", "the-secret"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(cached.provide()).unwrap();
        let debug = format!("{cached:?}");
        assert!(
            debug.contains("id") && !debug.contains("the-secret"),
            "{debug}"
        );
    }
}
