//! A fair's wall clock: times are stored as UTC milliseconds and shown in the venue's zone.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Milliseconds to add to UTC for the venue's wall clock now, and the zone's name as shown
/// (`UTC+08:00`). An unknown zone falls back to UTC, and says so.
pub fn venue_offset_ms(time_zone: &str) -> (i64, String) {
    match TimeZone::get(time_zone) {
        Ok(tz) => {
            let offset = tz.to_offset(Timestamp::now());
            (i64::from(offset.seconds()) * 1000, format!("UTC{}", offset))
        }
        Err(_) => (0, "UTC".into()),
    }
}

/// `YYYY-MM-DD HH:MM` for a millisecond timestamp shifted by `offset_ms`.
pub fn local_time(ms: i64, offset_ms: i64) -> String {
    match Timestamp::from_millisecond(ms + offset_ms) {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_in_hong_kong() {
        // 2026-12-01T02:30:00Z is 10:30 in Hong Kong.
        let (offset, name) = venue_offset_ms("Asia/Hong_Kong");
        assert_eq!(offset, 8 * 3_600_000);
        assert_eq!(name, "UTC+08");
        assert_eq!(local_time(1_796_092_200_000, offset), "2026-12-01 10:30");
        assert_eq!(local_time(0, 0), "1970-01-01 00:00");
        assert_eq!(local_time(951_782_400_000, 0), "2000-02-29 00:00");
    }

    #[test]
    fn an_unknown_zone_is_utc() {
        assert_eq!(venue_offset_ms("Mars/Olympus").0, 0);
    }
}
