//! Amounts in different currencies made comparable for matching: a sourcing request's target
//! price in US dollars against a product's unit price in renminbi, a talent's expected salary
//! against a job's, an investor's ticket against a project's amount.
//!
//! The rates are reference rates for ranking, not for paying: Hong Kong dollars per unit,
//! written on 2026-12-03. The US dollar is taken at the centre of the Linked Exchange Rate
//! band (7.75–7.85, HKMA); the pataca, dirham and riyal follow from their pegs (MOP 1.03 per
//! HKD; AED 3.6725 and SAR 3.75 per USD). The floating ones (CNY, EUR, GBP, JPY, SGD) are
//! rounded levels of late 2025 and drift: a rate off by a few percent moves a match score by
//! about as much, never a hard rule. An amount without a currency is taken as Hong Kong
//! dollars, the platform's home currency.

/// Hong Kong dollars per unit of each currency of [`crate::market::CURRENCIES`].
pub const HKD_PER_UNIT: &[(&str, f64)] = &[
    ("HKD", 1.0),
    ("USD", 7.80),
    ("MOP", 1.0 / 1.03),
    ("AED", 7.80 / 3.6725),
    ("SAR", 7.80 / 3.75),
    ("CNY", 1.08),
    ("EUR", 8.6),
    ("GBP", 10.0),
    ("JPY", 0.051),
    ("SGD", 5.9),
];

/// `amount` of `currency` in Hong Kong dollars; `None` for a currency without a rate.
pub fn in_hkd(amount: f64, currency: Option<&str>) -> Option<f64> {
    let code = currency.unwrap_or("HKD");
    HKD_PER_UNIT
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, r)| amount * r)
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_currency_offered_has_a_rate() {
        for c in crate::market::CURRENCIES {
            let v = in_hkd(1.0, Some(c)).unwrap_or_else(|| panic!("no rate for {c}"));
            assert!(v > 0.0, "{c}");
        }
        assert_eq!(HKD_PER_UNIT.len(), crate::market::CURRENCIES.len());
    }

    #[test]
    fn amounts_compare_across_currencies() {
        // US$1 buys more than ¥1 and less than £1; no currency is Hong Kong dollars.
        let usd = in_hkd(1.0, Some("USD")).unwrap();
        assert!(in_hkd(1.0, Some("CNY")).unwrap() < usd);
        assert!(in_hkd(1.0, Some("GBP")).unwrap() > usd);
        assert_eq!(in_hkd(100.0, None), Some(100.0));
        assert!((in_hkd(103.0, Some("MOP")).unwrap() - 100.0).abs() < 1e-9);
        assert_eq!(in_hkd(1.0, Some("XYZ")), None);
    }
}
