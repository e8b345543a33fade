//! The address printed in QR codes, and the codes themselves: booth codes (fairs) and meeting
//! badges (meetings) share them.

use axum::http::{HeaderMap, header};
use qrcode::QrCode;
use qrcode::render::svg;
use sc_web_http::AppState;

/// The address printed in QR codes and exports: configured, else this request's host.
pub fn base_url(s: &AppState, headers: &HeaderMap) -> String {
    if let Some(u) = &s.public_url {
        return u.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let scheme = if s.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A QR code as inline SVG (no XML declaration), quiet zone included.
pub fn qr_svg(url: &str) -> String {
    match QrCode::new(url.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build();
            match svg.find("<svg") {
                Some(i) => svg[i..].to_string(),
                None => svg,
            }
        }
        // A 22-character token in any plausible URL fits easily; say so if not.
        Err(e) => format!("<p class=\"error\">QR: {e}</p>"),
    }
}
