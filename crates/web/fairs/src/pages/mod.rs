//! The fair pages (EXHIBITION+): the list of fairs and a fair's page, the QR landing, exhibitor
//! pages in a fair, floor plans, "My fair", leads and the organiser's desk. Split by who uses
//! them.

pub mod charts;
pub mod exhibitor;
pub mod fairs;
pub mod import;
pub mod leads;
pub mod myfair;
pub mod new_fair;
pub mod organiser;
pub mod plan;

use sc_app::{BoothView, HallWithPlan};
use sc_domain::Language;
use sc_floorplan::svg::{Marks, render};

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
