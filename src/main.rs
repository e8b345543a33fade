//! `superconnector`: the whole platform as one binary.

mod bench;
mod bench_import;
mod bench_match;
mod bench_messages;
mod bench_recompute;
mod import;
mod matching;
mod meetings;

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use sc_domain::person::{MIN_PASSWORD_CHARS, PlatformRole, normalize_email};
use sc_domain::{Language, Location};
use sc_storage::{NewUser, Store};

#[derive(Parser)]
#[command(
    name = "superconnector",
    version,
    about = "Matching platform for Hong Kong and the Greater Bay Area"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (UI and API).
    Serve(ServeArgs),
    /// Bring the database schema up to date and exit.
    Migrate(DbArgs),
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Load the demo fair (idempotent) and exit.
    Demo(DbArgs),
    /// Rebuild the search index from the database, with progress.
    Reindex(DbArgs),
    /// Rebuild and retrain the matching engines from the whole history and rank exhibitors
    /// for every person (capacity-aware: popular exhibitors are not in every list), with
    /// progress; prints coverage and the Gini of exposure, and writes the lists as CSV with
    /// `--out`. The server keeps its own engines in step as events arrive.
    RecomputeMatches {
        #[command(flatten)]
        db: DbArgs,
        /// Exhibitors per person.
        #[arg(long, default_value_t = 20)]
        k: usize,
        /// Threads to rank on (default: every core).
        #[arg(long)]
        threads: Option<usize>,
        /// Write person_id,rank,organisation_id,score rows here.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Import an organiser's spreadsheet (CSV: UTF-8 with or without BOM, UTF-16, Big5,
    /// GB18030). All rows or none; importing the same file again updates.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Text tools.
    #[command(subcommand)]
    Text(TextCommand),
    /// Benchmarks whose figures go into docs/BENCHMARKS.md.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Matching: evaluate on an interaction log (docs/MATCHING.md), write the synthetic fair.
    #[command(subcommand)]
    Match(MatchCommand),
    /// Meetings: the scheduler on instance files (docs/MEETINGS.md).
    #[command(subcommand)]
    Meetings(MeetingsCommand),
}

#[derive(Subcommand)]
enum MeetingsCommand {
    /// Read an instance (slots, tables, people with availability and caps, requests with
    /// weights, published meetings) and write the schedule as JSON, with a summary (meetings,
    /// weight against the bound, method) on standard error.
    Schedule {
        #[arg(long)]
        instance: PathBuf,
        /// Where to write the schedule (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Treat published meetings as ordinary requests, free to move.
        #[arg(long)]
        move_published: bool,
    },
    /// Write a generated instance: buyers asking exhibitors, popular exhibitors asked most.
    Generate {
        #[arg(long, default_value_t = 1000)]
        people: usize,
        #[arg(long, default_value_t = 10_000)]
        requests: usize,
        #[arg(long, default_value_t = 16)]
        slots: usize,
        #[arg(long, default_value_t = 2)]
        days: usize,
        #[arg(long, default_value_t = 60)]
        tables: u32,
        /// Share of people with blocks of unavailable slots (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        unavailable: f64,
        /// Weights are drawn from 1 to this.
        #[arg(long, default_value_t = 1)]
        max_weight: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum MatchCommand {
    /// Split an interaction log (a directory of features.csv, kinds.csv, entities.csv,
    /// events.csv) by time, train on the past, measure on the future, beside random,
    /// popularity, content-only and one-sided versions of the engine; prints a Markdown table.
    Evaluate {
        /// The log's directory.
        dir: PathBuf,
        /// Share of the events, in time order, to learn from.
        #[arg(long, default_value_t = 0.7)]
        train_share: f64,
        /// List length of the ranking metrics.
        #[arg(long, default_value_t = 10)]
        k: usize,
        /// Also write the split for an external system (scripts/lightfm-eval.py) here.
        #[arg(long)]
        export: Option<PathBuf>,
        /// Measure an external system's scores too: NAME=FILE (side,viewer,candidate,score).
        #[arg(long)]
        external: Vec<String>,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Judge by known preferences too (the synthetic fair's truth.csv).
        #[arg(long)]
        truth: Option<PathBuf>,
    },
    /// Write a fair's history from the database as an interaction log (for `match evaluate`).
    ExportLog {
        #[command(flatten)]
        db: DbArgs,
        /// The fair: its number or its slug.
        #[arg(long)]
        fair: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the synthetic fair's interaction log (hidden preferences, three languages).
    Synthetic {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 2000)]
        buyers: usize,
        #[arg(long, default_value_t = 300)]
        exhibitors: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Search: indexing speed, query latency and recall@10 on a generated catalogue, beside
    /// SQLite FTS5 (trigram) and, with --postgres, PostgreSQL full-text search.
    Search {
        #[arg(long, default_value_t = 1_000_000)]
        listings: u64,
        /// Working directory for the indexes (emptied first).
        #[arg(long, default_value = "./bench-data")]
        dir: PathBuf,
        /// A PostgreSQL database to compare with (a table sc_bench_docs is created and dropped).
        #[arg(long)]
        postgres: Option<String>,
        /// How many times each query runs for the latency figures.
        #[arg(long, default_value_t = 10)]
        rounds: usize,
        /// Measure the platform's index only.
        #[arg(long)]
        platform_only: bool,
        /// Reuse an index of the same size already in --dir.
        #[arg(long)]
        reuse: bool,
    },
    /// Bulk onboarding: generate an exhibitor sheet and a product sheet, then time importing
    /// them (and importing the products again) through the same code as `import`.
    Import {
        #[arg(long, default_value_t = 10_000)]
        exhibitors: usize,
        #[arg(long, default_value_t = 500_000)]
        products: usize,
        /// Working directory for the sheets and the SQLite database.
        #[arg(long, default_value = "./bench-data")]
        dir: PathBuf,
        /// A PostgreSQL database (empty) to import into instead of SQLite.
        #[arg(long)]
        database: Option<String>,
    },
    /// Matching at fair scale: one buyer's top 20 among the products (fast path beside a
    /// brute-force scan of the same scores) and the recompute for every buyer, per size.
    Match {
        /// Sizes as PRODUCTS:EXHIBITORS:BUYERS, comma-separated.
        #[arg(long, value_delimiter = ',', value_parser = parse_size,
              default_value = "50000:1000:10000,150000:3000:30000,500000:10000:100000")]
        sizes: Vec<(usize, usize, usize)>,
        /// Buyers timed one at a time.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        /// Of those, how many are also ranked by brute force.
        #[arg(long, default_value_t = 30)]
        brute: usize,
        /// Events the models learn from (the rest is replayed into the behaviour state).
        #[arg(long, default_value_t = 300_000)]
        train_events: usize,
        #[arg(long, default_value_t = 2)]
        threads: usize,
    },
    /// The people and conversations of the messaging benchmark (scripts/bench-messages): a
    /// buyer, an organisation with one member and their conversation per pair, with sessions;
    /// the tokens go to --out as JSON.
    MessagesFixture {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, default_value_t = 500)]
        pairs: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// The meeting scheduler over growing fairs (PEOPLE:REQUESTS:TABLES), with nobody
    /// unavailable (exact) and with blocks of unavailability (heuristic against the bound).
    Meetings {
        #[arg(long, value_delimiter = ',', value_parser = parse_size,
              default_value = "1250:12500:75,2500:25000:150,5000:50000:300,10000:100000:600")]
        sizes: Vec<(usize, usize, usize)>,
        #[arg(long, default_value_t = 16)]
        slots: usize,
        /// Share of people with unavailable slots in the second row of each size.
        #[arg(long, default_value_t = 0.3)]
        unavailable: f64,
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// `recompute-matches` over a database: writes a crowd of buyers (with profiles),
    /// exhibitors (with products and wishes) and their history, then rebuilds and ranks
    /// everyone `--runs` times, beside a brute-force baseline.
    Recompute {
        #[arg(long, default_value_t = 100_000)]
        buyers: usize,
        #[arg(long, default_value_t = 10_000)]
        exhibitors: usize,
        #[arg(long, default_value_t = 10)]
        products_per_exhibitor: usize,
        /// Working directory for the database (one per size).
        #[arg(long, default_value = "./bench-data")]
        dir: PathBuf,
        /// Reuse a crowd of the same size already in --dir.
        #[arg(long)]
        reuse: bool,
        #[arg(long, default_value_t = 3)]
        runs: usize,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Buyers ranked by brute force for the baseline.
        #[arg(long, default_value_t = 100)]
        brute: usize,
    },
}

/// Parses `PRODUCTS:EXHIBITORS:BUYERS`.
fn parse_size(s: &str) -> Result<(usize, usize, usize), String> {
    let parts: Vec<usize> = s
        .split(':')
        .map(|x| x.trim().replace('_', "").parse::<usize>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| format!("{s:?}: {e}"))?;
    match parts[..] {
        [p, e, b] if p > 0 && e > 0 && b > 0 => Ok((p, e, b)),
        _ => Err(format!(
            "{s:?}: expected three numbers N:N:N, all above zero (their meaning is in --help)"
        )),
    }
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Exhibitors with their booths: one row each, keyed by the organiser's reference.
    Exhibitors {
        #[command(flatten)]
        db: DbArgs,
        /// The CSV file.
        file: PathBuf,
        /// The fair: its number or its slug.
        #[arg(long)]
        fair: String,
        /// Check every row against the file and the database, then roll back: write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Products of exhibitors already imported: one row each, keyed by exhibitor reference and
    /// product reference.
    Products {
        #[command(flatten)]
        db: DbArgs,
        /// The CSV file.
        file: PathBuf,
        /// The fair: its number or its slug.
        #[arg(long)]
        fair: String,
        /// Check every row against the file and the database, then roll back: write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum TextCommand {
    /// Show how the platform reads text: one output line per input line on standard input.
    /// Without flags, the folded form every comparison uses (normalised, lower case,
    /// Simplified); with --to, the text converted to that script; with --tokens, the tokens.
    Analyze {
        /// Convert to zh-Hans or zh-Hant (Hong Kong forms) instead of folding.
        #[arg(long)]
        to: Option<String>,
        /// Print the tokens, separated by spaces.
        #[arg(long)]
        tokens: bool,
        /// With --tokens: segment as a query (whole words) rather than as a document.
        #[arg(long)]
        query: bool,
        /// With --tokens: print each token as token/kind (word, sub, compound, joined).
        #[arg(long)]
        kinds: bool,
    },
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Directory for the embedded SQLite database and the search index (created on first run).
    #[arg(long, env = "SC_DATA", default_value = "./superconnector-data")]
    data: PathBuf,
    /// Use this database instead of the embedded one: postgres://user@host/db (or sqlite://file).
    #[arg(long, env = "SC_DATABASE_URL")]
    database: Option<String>,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address and port to listen on.
    #[arg(long, env = "SC_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Load the demo fair before serving (does nothing if it is already loaded).
    #[arg(long, env = "SC_DEMO")]
    demo: bool,
    /// Mark cookies Secure; set when users reach the platform over HTTPS.
    #[arg(long, env = "SC_SECURE_COOKIES")]
    secure_cookies: bool,
    /// The address visitors use, printed in booth QR codes (e.g. https://fair.example.hk);
    /// default: the address the organiser's browser used.
    #[arg(long, env = "SC_PUBLIC_URL")]
    public_url: Option<String>,
    /// Addresses of reverse proxies in front of the server, comma-separated. Only from these is
    /// `X-Forwarded-For` believed for the client's address (sign-in throttling).
    #[arg(long, env = "SC_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Send e-mail (digests of unread messages) through this SMTP server:
    /// smtp://host:25, smtp://user:pass@host:587?tls=required (STARTTLS) or smtps://host:465.
    #[arg(long, env = "SC_SMTP_URL", conflicts_with = "mail_dir")]
    smtp_url: Option<String>,
    /// Write e-mail as .eml files into this directory instead (for local use).
    #[arg(long, env = "SC_MAIL_DIR")]
    mail_dir: Option<PathBuf>,
    /// The sender of e-mail.
    #[arg(
        long,
        env = "SC_MAIL_FROM",
        default_value = "superconnector <noreply@localhost>"
    )]
    mail_from: String,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an account (by default a platform administrator). The password is read from a
    /// prompt, or from the first line of standard input when it is not a terminal; never argv.
    CreateUser {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// admin, organiser or user.
        #[arg(long, default_value = "admin")]
        role: String,
        #[arg(long, default_value = "HK")]
        location: String,
        #[arg(long, default_value = "en")]
        language: String,
    },
}

impl DbArgs {
    fn url(&self) -> Result<String> {
        match &self.database {
            Some(u) => Ok(u.clone()),
            None => Store::sqlite_url_in(&self.data)
                .with_context(|| format!("cannot create data directory {}", self.data.display())),
        }
    }

    /// The search index, kept in the data directory whichever database is used.
    fn search_index(&self) -> Result<std::sync::Arc<sc_search::SearchIndex>> {
        let dir = self.data.join("search");
        Ok(std::sync::Arc::new(
            sc_search::SearchIndex::open(&dir)
                .with_context(|| format!("cannot open the search index in {}", dir.display()))?,
        ))
    }

    async fn open(&self) -> Result<Store> {
        let url = self.url()?;
        Store::open(&url)
            .await
            .with_context(|| format!("cannot open database {}", redact(&url)))
    }
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***@{}", &url[..s], &url[at + 1..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn read_password() -> Result<String> {
    if std::io::stdin().is_terminal() {
        let p1 = rpassword::prompt_password("Password: ")?;
        let p2 = rpassword::prompt_password("Repeat password: ")?;
        if p1 != p2 {
            bail!("the two passwords differ");
        }
        Ok(p1)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\n', '\r']).to_string())
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SC_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(a) => {
            let store = a.db.open().await?;
            if a.demo {
                let summary = sc_demo::load(&store, std::io::stderr().is_terminal())
                    .await
                    .context("loading the demo fair")?;
                tracing::info!("{summary}");
            }
            let search = a.db.search_index()?;
            // Catch up before serving: after a crash, or with a database changed behind our back.
            let applied = sc_search::sync::catch_up(&search, &store)
                .await
                .context("bringing the search index up to date")?;
            if applied > 0 {
                tracing::info!(applied, "search index caught up with the database");
            }
            let follower = sc_search::sync::follow(search.clone(), store.clone());
            let listener = tokio::net::TcpListener::bind(a.listen)
                .await
                .with_context(|| format!("cannot listen on {}", a.listen))?;
            let addr = listener.local_addr()?;
            tracing::info!(engine = ?store.engine(), "superconnector listening on http://{addr}");
            // Tools that start the server on port 0 read the real address from this line.
            println!("listening on http://{addr}");
            let mut app = sc_app::App::new(store.clone(), search);
            let links = a
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}"));
            let mailer = match (&a.smtp_url, &a.mail_dir) {
                (Some(url), _) => Some(sc_mail::Mailer::smtp(url, &a.mail_from, &links)?),
                (None, Some(dir)) => Some(sc_mail::Mailer::directory(
                    dir.clone(),
                    &a.mail_from,
                    &links,
                )?),
                (None, None) => None,
            };
            {
                // Meeting requests nobody answered lapse and free what they held (bookings
                // ignore lapsed holds anyway; this makes their status say so).
                let app = app.clone();
                tokio::spawn(async move {
                    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
                    loop {
                        tick.tick().await;
                        match app.expire_meeting_requests().await {
                            Ok(n) if n > 0 => {
                                tracing::info!(expired = n, "meeting requests lapsed")
                            }
                            Ok(_) => {}
                            Err(e) => tracing::warn!(error = %e, "meeting requests not swept"),
                        }
                    }
                });
            }
            if let Some(m) = mailer {
                app = app.with_mailer(std::sync::Arc::new(m));
                // Digests of unread messages and meeting reminders, checked every minute.
                let app = app.clone();
                tokio::spawn(async move {
                    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
                    loop {
                        tick.tick().await;
                        match app.send_digests(sc_app::now_ms()).await {
                            Ok(r) if r.sent + r.failed > 0 => {
                                tracing::info!(sent = r.sent, failed = r.failed, "message digests")
                            }
                            Ok(_) => {}
                            Err(e) => tracing::warn!(error = %e, "message digests not sent"),
                        }
                        match app.send_meeting_reminders(sc_app::now_ms()).await {
                            Ok(r) if r.sent + r.failed > 0 => {
                                tracing::info!(
                                    sent = r.sent,
                                    failed = r.failed,
                                    "meeting reminders"
                                )
                            }
                            Ok(_) => {}
                            Err(e) => tracing::warn!(error = %e, "meeting reminders not sent"),
                        }
                    }
                });
            }
            {
                // Matching is built beside serving; a request before it is ready builds it.
                let app = app.clone();
                tokio::spawn(async move {
                    let t = std::time::Instant::now();
                    match app.build_matching(&|_, _, _| {}).await {
                        Ok(r) => tracing::info!(
                            people = r.people,
                            organisations = r.organisations,
                            listings = r.listings,
                            events = r.events,
                            ms = t.elapsed().as_millis() as u64,
                            "matching built"
                        ),
                        Err(e) => {
                            tracing::warn!(error = %e, "matching not built; the first request will try again")
                        }
                    }
                });
            }
            sc_web::serve(
                listener,
                sc_web::AppState::new(app, a.secure_cookies)
                    .with_public_url(a.public_url.clone())
                    .with_trusted_proxies(a.trusted_proxies.clone()),
            )
            .await?;
            follower.abort();
            store.close().await;
        }
        Command::Migrate(db) => {
            let url = db.url()?;
            let store = Store::connect(&url)
                .await
                .with_context(|| format!("cannot open database {}", redact(&url)))?;
            let applied = store.migrate().await?;
            println!(
                "schema at version {} (applied now: {:?})",
                Store::latest_schema_version(),
                applied
            );
        }
        Command::Import(ImportCommand::Exhibitors {
            db,
            file,
            fair,
            dry_run,
        }) => import::exhibitors(&db.open().await?, &file, &fair, dry_run).await?,
        Command::Import(ImportCommand::Products {
            db,
            file,
            fair,
            dry_run,
        }) => import::products(&db.open().await?, &file, &fair, dry_run).await?,
        Command::Reindex(db) => {
            let store = db.open().await?;
            let search = db.search_index()?;
            let started = std::time::Instant::now();
            let n =
                sc_search::sync::rebuild(&search, &store, std::io::stderr().is_terminal()).await?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "indexed {n} organisations and listings in {secs:.1} s ({:.0}/s; drafts and archived listings are not searchable)",
                n as f64 / secs.max(0.001)
            );
        }
        Command::RecomputeMatches {
            db,
            k,
            threads,
            out,
        } => {
            let store = db.open().await?;
            let search = db.search_index()?;
            let app = sc_app::App::new(store.clone(), search);
            let threads = threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let r = matching::recompute(&app, k.clamp(1, 200), threads, out.as_deref()).await?;
            println!("{r}");
            store.close().await;
        }
        Command::Demo(db) => {
            let store = db.open().await?;
            let summary = sc_demo::load(&store, std::io::stderr().is_terminal()).await?;
            println!("{summary}");
        }
        Command::Admin(AdminCommand::CreateUser {
            db,
            email,
            name,
            role,
            location,
            language,
        }) => {
            let email = normalize_email(&email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
            let role =
                PlatformRole::parse(&role).context("--role: use admin, organiser or user")?;
            let location =
                Location::parse(&location).map_err(|m| anyhow::anyhow!("--location: {m}"))?;
            let language =
                Language::from_tag(&language).context("--language: use zh-Hant, zh-Hans or en")?;
            let password = read_password()?;
            if password.chars().count() < MIN_PASSWORD_CHARS {
                bail!("the password needs at least {MIN_PASSWORD_CHARS} characters");
            }
            let store = db.open().await?;
            let user = NewUser {
                email,
                password_hash: sc_access::password::hash(&password),
                display_name: name,
                preferred_language: language,
                location,
                platform_role: role,
            };
            let a = store
                .create_user(&user)
                .await
                .context("creating the account")?;
            println!(
                "created account {} <{}> with role {}",
                a.id,
                a.email,
                a.platform_role.code()
            );
        }
        Command::Text(TextCommand::Analyze {
            to,
            tokens,
            query,
            kinds,
        }) => analyze(to.as_deref(), tokens, query, kinds)?,
        Command::Bench(BenchCommand::Search {
            listings,
            dir,
            postgres,
            rounds,
            platform_only,
            reuse,
        }) => {
            bench::run(bench::Options {
                listings,
                dir,
                postgres,
                rounds,
                platform_only,
                reuse,
            })
            .await?;
        }
        Command::Bench(BenchCommand::Import {
            exhibitors,
            products,
            dir,
            database,
        }) => {
            bench_import::run(bench_import::Options {
                exhibitors,
                products,
                dir,
                database,
            })
            .await?;
        }
        Command::Bench(BenchCommand::Recompute {
            buyers,
            exhibitors,
            products_per_exhibitor,
            dir,
            reuse,
            runs,
            threads,
            brute,
        }) => {
            bench_recompute::run(bench_recompute::Options {
                crowd: sc_demo::crowd::Crowd {
                    buyers,
                    exhibitors,
                    products_per_exhibitor,
                },
                dir,
                reuse,
                runs: runs.max(1),
                threads,
                brute,
            })
            .await?
        }
        Command::Bench(BenchCommand::MessagesFixture { db, pairs, out }) => {
            let store = db.open().await?;
            bench_messages::fixture(&store, pairs, &out).await?;
            store.close().await;
        }
        Command::Bench(BenchCommand::Match {
            sizes,
            queries,
            brute,
            train_events,
            threads,
        }) => bench_match::run(bench_match::Options {
            sizes,
            queries,
            brute,
            train_events,
            threads,
        })?,
        Command::Match(MatchCommand::Evaluate {
            dir,
            train_share,
            k,
            export,
            external,
            seed,
            truth,
        }) => matching::evaluate(matching::EvaluateArgs {
            dir,
            train_share,
            k,
            export,
            external,
            seed,
            truth,
        })?,
        Command::Match(MatchCommand::ExportLog { db, fair, out }) => {
            let store = db.open().await?;
            let fair = import::fair_id(&store, &fair).await?;
            println!("{}", matching::export_log(&store, fair, &out).await?);
        }
        Command::Match(MatchCommand::Synthetic {
            out,
            buyers,
            exhibitors,
            seed,
        }) => matching::synthetic(&out, buyers, exhibitors, seed)?,
        Command::Meetings(MeetingsCommand::Schedule {
            instance,
            out,
            move_published,
        }) => meetings::schedule(&instance, out.as_deref(), move_published)?,
        Command::Meetings(MeetingsCommand::Generate {
            people,
            requests,
            slots,
            days,
            tables,
            unavailable,
            max_weight,
            seed,
            out,
        }) => meetings::generate(
            &sc_schedule::generate::Spec {
                people,
                requests,
                slots,
                days,
                tables,
                unavailable,
                max_weight,
                seed,
            },
            &out,
        )?,
        Command::Bench(BenchCommand::Meetings {
            sizes,
            slots,
            unavailable,
            runs,
        }) => {
            let sizes: Vec<(usize, usize, u32)> = sizes
                .into_iter()
                .map(|(p, r, t)| (p, r, t as u32))
                .collect();
            meetings::bench(&sizes, slots, unavailable, runs.max(1))?
        }
        Command::Openapi => {
            println!("{}", sc_web::openapi().to_pretty_json()?);
        }
    }
    Ok(())
}

/// `text analyze`: exactly one output line per input line, whatever the bytes.
fn analyze(to: Option<&str>, tokens: bool, query: bool, kinds: bool) -> Result<()> {
    use sc_text::{Analyzer, Mode, Target};
    use std::io::Write;
    let target = match to {
        None => None,
        Some(t) => match Language::from_tag(t) {
            Some(Language::ZhHans) => Some(Target::Simplified),
            Some(Language::ZhHant) => Some(Target::Traditional),
            _ => bail!("--to: use zh-Hans or zh-Hant"),
        },
    };
    let a = Analyzer::shared();
    let mode = if query { Mode::Query } else { Mode::Index };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let raw = String::from_utf8_lossy(&buf);
        let line = raw.trim_end_matches(['\n', '\r']);
        // Line breaks inside the output would break the one-line-per-line promise.
        let text = if tokens {
            let source = match target {
                Some(t) => a.convert(line, t),
                None => line.to_string(),
            };
            a.tokens(&source, mode)
                .into_iter()
                .map(|t| {
                    if kinds {
                        format!("{}/{}", t.text, t.kind.code())
                    } else {
                        t.text
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            match target {
                Some(t) => a.convert(line, t),
                None => a.fold(line),
            }
        };
        writeln!(out, "{}", text.replace(['\n', '\r'], " "))?;
    }
    out.flush()?;
    Ok(())
}
