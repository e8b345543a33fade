//! `superconnector import exhibitors|products`: read the organiser's sheet, report every
//! problem by line and column, and write all rows in one transaction only when there is none.
//! A dry run does the whole write and rolls it back, so it also finds what only the database
//! can tell (a booth that is someone else's, a product whose exhibitor was never imported).

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sc_storage::Store;

fn read(file: &Path) -> Result<Vec<u8>> {
    let meta =
        std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?;
    if meta.len() as usize > sc_import::encoding::MAX_BYTES {
        bail!(
            "{} is larger than {} MB; split it",
            file.display(),
            sc_import::encoding::MAX_BYTES / 1024 / 1024
        );
    }
    std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))
}

/// The fair named by number or slug.
pub async fn fair_id(store: &Store, fair: &str) -> Result<i64> {
    let id = match fair.parse::<i64>() {
        Ok(id) => id,
        Err(_) => store
            .fair_id_by_slug(fair)
            .await?
            .with_context(|| format!("--fair: no fair with slug {fair:?}"))?,
    };
    store
        .fair(id)
        .await
        .map_err(|_| anyhow::anyhow!("--fair: no fair {fair}"))?;
    Ok(id)
}

fn report<T>(file: &Path, parsed: &sc_import::Parsed<T>) -> Result<()> {
    for e in &parsed.errors {
        eprintln!("{}: {e}", file.display());
    }
    println!(
        "{}: {} rows good, {} problems (read as {})",
        file.display(),
        parsed.rows.len(),
        parsed.errors.len(),
        parsed.encoding
    );
    if !parsed.is_clean() {
        bail!(
            "nothing imported: fix the problems above and run again (the import is all or nothing)"
        );
    }
    Ok(())
}

/// A progress bar on a terminal, nothing otherwise.
pub fn bar(len: usize, message: &'static str) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(len as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta})",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        b.set_message(message);
        b
    })
}

pub async fn exhibitors(store: &Store, file: &Path, fair: &str, dry_run: bool) -> Result<()> {
    let bytes = read(file)?;
    let parsed = sc_import::exhibitors::parse(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let fair_id = fair_id(store, fair).await?;
    report(file, &parsed)?;
    let rows: Vec<sc_storage::NewExhibitor> = parsed
        .rows
        .into_iter()
        .map(|r| sc_storage::NewExhibitor {
            reference: r.value.reference,
            hall: r.value.hall,
            booth: r.value.booth,
            organisation: r.value.organisation,
            contact_email: r.value.contact_email,
        })
        .collect();
    let bar = bar(rows.len(), if dry_run { "checking" } else { "importing" });
    let sum = store
        .import_exhibitors(fair_id, &rows, &sc_i18n::default_hall_name, dry_run, |n| {
            if let Some(b) = &bar {
                b.set_position(n as u64);
            }
        })
        .await
        .context("nothing imported")?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "{}: {} created, {} updated, {} halls created, {} administrators linked",
        if dry_run {
            "dry run, nothing written; would import"
        } else {
            "imported"
        },
        sum.created,
        sum.updated,
        sum.halls_created,
        sum.administrators_linked
    );
    Ok(())
}

pub async fn products(store: &Store, file: &Path, fair: &str, dry_run: bool) -> Result<()> {
    let started = std::time::Instant::now();
    let bytes = read(file)?;
    let parsed = sc_import::products::parse(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let read_in = started.elapsed();
    let fair_id = fair_id(store, fair).await?;
    report(file, &parsed)?;
    let rows: Vec<sc_storage::NewProduct> = parsed
        .rows
        .into_iter()
        .map(|r| sc_storage::NewProduct {
            line: r.line,
            exhibitor: r.value.exhibitor,
            reference: r.value.reference,
            listing: r.value.listing,
        })
        .collect();
    let bar = bar(rows.len(), if dry_run { "checking" } else { "importing" });
    // Listings imported from the command line name no person as their creator.
    let sum = store
        .import_products(fair_id, &rows, IMPORTED_BY_COMMAND, dry_run, |n| {
            if let Some(b) = &bar
                && n % 256 == 0
            {
                b.set_position(n as u64);
            }
        })
        .await
        .context("nothing imported")?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "{}: {} created, {} updated (read and checked in {:.1} s, written in {:.1} s)",
        if dry_run {
            "dry run, nothing written; would import"
        } else {
            "imported"
        },
        sum.created,
        sum.updated,
        read_in.as_secs_f64(),
        (started.elapsed() - read_in).as_secs_f64()
    );
    Ok(())
}

/// `created_by` of listings imported by `superconnector import` (no account is signed in).
pub const IMPORTED_BY_COMMAND: i64 = 0;
