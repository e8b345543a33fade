//! EXHIBITION+ pages: the QR landing, exhibitor pages in a fair, floor plans, "My fair", leads
//! and the organiser's desk. Split by who uses them.

pub mod charts;
pub mod exhibitor;
pub mod import;
pub mod leads;
pub mod myfair;
pub mod new_fair;
pub mod organiser;
pub mod plan;
pub mod views;

use sc_domain::Language;
use sc_floorplan::svg::{Marks, render};
use sc_storage::{BoothView, HallWithPlan};

/// Milliseconds to add to UTC for the venue's wall clock. The fairs this platform serves are
/// in UTC+8 zones without daylight saving; others fall back to UTC, and say so.
pub fn venue_offset_ms(time_zone: &str) -> (i64, &'static str) {
    match time_zone {
        "Asia/Hong_Kong" | "Asia/Macau" | "Asia/Shanghai" | "Asia/Taipei" | "Asia/Singapore" => {
            (8 * 3_600_000, "UTC+8")
        }
        _ => (0, "UTC"),
    }
}

/// `YYYY-MM-DD HH:MM` for a millisecond timestamp shifted by `offset_ms`.
pub fn local_time(ms: i64, offset_ms: i64) -> String {
    let secs = (ms + offset_ms).div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A hall drawn for the reader: booth links go to exhibitor pages of this fair.
pub fn hall_svg(
    fair: i64,
    hall: &HallWithPlan,
    booths: &[BoothView],
    lang: Language,
    marks: Marks<'_>,
) -> String {
    // Each booth drawn looks up its exhibitor: index this hall's once, not a scan per booth.
    let exhibitors: std::collections::HashMap<&str, &BoothView> = booths
        .iter()
        .filter(|b| b.booth.hall_id == hall.hall.id && b.booth.organisation_id.is_some())
        .map(|b| (b.booth.code.as_str(), b))
        .collect();
    let info = |code: &str| {
        exhibitors.get(code).and_then(|b| {
            let org = b.booth.organisation_id?;
            Some((
                format!("/fairs/{fair}/exhibitors/{org}"),
                b.organisation_name
                    .as_ref()
                    .map(|n| n.best(lang).to_string())
                    .unwrap_or_default(),
            ))
        })
    };
    let label = format!("{} {}", hall.hall.code, hall.hall.name.best(lang));
    render(
        &hall.plan,
        &Marks {
            booth_info: Some(&info),
            label: &label,
            ..marks
        },
    )
}

/// The fair's layout, from the cache when it is current.
pub async fn layout(
    s: &crate::AppState,
    fair: i64,
) -> Result<std::sync::Arc<crate::cache::FairLayout>, sc_storage::StorageError> {
    let epoch = s.store.epoch();
    if let Some(l) = s.caches.layouts.get(&fair, epoch) {
        return Ok(l);
    }
    let layout = crate::cache::FairLayout {
        fair: s.store.fair(fair).await?,
        booths: s.store.booths(Some(fair), None).await?,
        plans: s.store.fair_plans(fair).await?,
    };
    Ok(s.caches.layouts.put(fair, epoch, layout))
}

/// What a booth's code stands for, from the cache when it is current.
pub async fn lookup_token(
    s: &crate::AppState,
    token: &str,
) -> Result<std::sync::Arc<sc_storage::TokenLookup>, sc_storage::StorageError> {
    let epoch = s.store.epoch();
    if let Some(t) = s.caches.tokens.get(&token.to_string(), epoch) {
        return Ok(t);
    }
    let found = s.store.lookup_token(token).await?;
    Ok(s.caches.tokens.put(token.to_string(), epoch, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_in_hong_kong() {
        // 2026-12-01T02:30:00Z is 10:30 in Hong Kong.
        assert_eq!(
            local_time(1_796_092_200_000, 8 * 3_600_000),
            "2026-12-01 10:30"
        );
        assert_eq!(local_time(0, 0), "1970-01-01 00:00");
        assert_eq!(local_time(951_782_400_000, 0), "2000-02-29 00:00");
    }
}
