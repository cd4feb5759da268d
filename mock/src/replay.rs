//! The replay cache: nonces seen recently, per AccessKeyId.
//!
//! A nonce only has to be remembered while a replay of its request could still pass the timestamp check,
//! that is until the request's own timestamp plus the window has passed. Each entry is kept until exactly
//! then (not "window after it was seen": a request stamped in the future would outlive that), and a hard cap
//! bounds memory whatever the traffic.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::time::SystemTime;

/// Most nonces remembered; past that the ones closest to expiry are forgotten first.
pub(crate) const CAPACITY: usize = 100_000;

/// Nonces with the instant after which their request is expired anyway.
#[derive(Default)]
pub(crate) struct NonceCache {
    /// `(expiry, key)`, ordered by expiry so the oldest are evicted first.
    by_expiry: BTreeSet<(SystemTime, String)>,
    keys: HashSet<String>,
}

impl NonceCache {
    /// Records `nonce` for `access_key_id` until `expires`; false if it is already remembered (a replay).
    pub fn insert(
        &mut self,
        access_key_id: &str,
        nonce: &str,
        expires: SystemTime,
        now: SystemTime,
    ) -> bool {
        self.evict(now);
        // The id cannot contain a newline that would make two different pairs collide: ids come from the
        // configuration, and a request's id is checked against it before the nonce is recorded.
        let key = format!("{access_key_id}\n{nonce}");
        if self.keys.contains(&key) {
            return false;
        }
        while self.keys.len() >= CAPACITY {
            match self.by_expiry.pop_first() {
                Some((_, oldest)) => {
                    self.keys.remove(&oldest);
                }
                None => break,
            }
        }
        self.keys.insert(key.clone());
        self.by_expiry.insert((expires, key));
        true
    }

    /// Forgets nonces whose requests have expired.
    fn evict(&mut self, now: SystemTime) {
        while let Some((expires, _)) = self.by_expiry.first() {
            if *expires >= now {
                break;
            }
            if let Some((_, key)) = self.by_expiry.pop_first() {
                self.keys.remove(&key);
            }
        }
    }

    /// How many nonces are remembered.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.keys.len()
    }
}

impl fmt::Debug for NonceCache {
    /// Only the size: a full cache would print a hundred thousand nonces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NonceCache")
            .field("remembered", &self.keys.len())
            .finish()
    }
}
