//! Sign-in throttling: failed attempts are counted per e-mail address and per client address in
//! a sliding window, so neither one account nor one client can guess passwords quickly.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(15 * 60);
const PER_ACCOUNT: usize = 10;
const PER_CLIENT: usize = 50;

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    /// `Err(seconds)` when either key is over its limit.
    pub fn check(&self, email: &str, ip: Option<IpAddr>) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let mut wait = 0;
        for (key, limit) in keys(email, ip) {
            if let Some(times) = map.get_mut(&key) {
                times.retain(|t| now.duration_since(*t) < WINDOW);
                if times.len() >= limit {
                    let oldest = times[0];
                    wait = wait.max((WINDOW - now.duration_since(oldest)).as_secs() + 1);
                }
            }
        }
        if map.len() > 100_000 {
            // Bound memory under a spray of distinct keys: forget windows that have passed.
            map.retain(|_, v| v.last().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        if wait > 0 { Err(wait) } else { Ok(()) }
    }

    pub fn failed(&self, email: &str, ip: Option<IpAddr>) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for (key, _) in keys(email, ip) {
            map.entry(key).or_default().push(Instant::now());
        }
    }

    pub fn succeeded(&self, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&format!("email:{}", email.trim().to_lowercase()));
    }
}

fn keys(email: &str, ip: Option<IpAddr>) -> Vec<(String, usize)> {
    let mut k = vec![(
        format!("email:{}", email.trim().to_lowercase()),
        PER_ACCOUNT,
    )];
    if let Some(ip) = ip {
        k.push((format!("ip:{ip}"), PER_CLIENT));
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_failure_for_one_account_is_refused_and_success_clears_it() {
        let l = LoginLimiter::default();
        for _ in 0..PER_ACCOUNT {
            assert!(l.check("a@example.com", None).is_ok());
            l.failed("a@example.com", None);
        }
        assert!(l.check("A@example.com ", None).is_err());
        assert!(l.check("b@example.com", None).is_ok());
        l.succeeded("a@example.com");
        assert!(l.check("a@example.com", None).is_ok());
    }
}
