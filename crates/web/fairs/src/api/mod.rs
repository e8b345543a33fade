//! The fairs area of the JSON API: fairs and booths, scans, bookmarks, leads, floor plans,
//! booth codes, figures and contact requests.

pub mod exhibition;
pub mod fairs;
