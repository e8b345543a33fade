//! Starting servers and talking to them.

use std::net::SocketAddr;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use sc_storage::Store;
use serde_json::{Value, json};

pub struct Server {
    pub base: String,
    pub store: Store,
    /// The in-process server's index (`None` for a server running as its own process).
    pub search: Option<std::sync::Arc<sc_search::SearchIndex>>,
    pub engine: &'static str,
}

/// A server on a fresh database of every engine the environment has.
pub async fn servers() -> Vec<Server> {
    let mut out = vec![];
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = Store::open(&url)
            .await
            .unwrap_or_else(|e| panic!("{engine}: {e}"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let search = std::sync::Arc::new(sc_search::SearchIndex::in_memory().unwrap());
        sc_search::sync::catch_up(&search, &store).await.unwrap();
        sc_search::sync::follow(search.clone(), store.clone());
        let state = sc_web::AppState::new(sc_app::App::new(store.clone(), search.clone()), false);
        tokio::spawn(sc_web::serve_until(listener, state, std::future::pending()));
        out.push(Server {
            base: format!("http://{addr}"),
            store,
            search: Some(search),
            engine,
        });
    }
    out
}

/// A client that does not follow redirects, so tests see them.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A client with a cookie jar, as a browser has.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl Server {
    /// Waits until search sees every write made so far: the index announces the database
    /// change it has applied, and this waits for that event (a minute at most, to fail loudly
    /// rather than hang).
    pub async fn searchable(&self) {
        let seq = self.store.last_change_seq().await.unwrap();
        tokio::time::timeout(
            std::time::Duration::from_secs(60),
            self.search
                .as_ref()
                .expect("an in-process server")
                .wait_until_applied(seq),
        )
        .await
        .unwrap_or_else(|_| panic!("[{}] the index never applied change {seq}", self.engine));
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = client().request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request reaches the server");
        let status = resp.status();
        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        Reply {
            status,
            content_type,
            body: resp.text().await.unwrap(),
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// Registers through the API and returns (user id, bearer token).
    pub async fn register(&self, email: &str, location: &str, lang: &str) -> (i64, String) {
        let r = self
            .post(
                "/api/v1/auth/register",
                None,
                json!({"email": email, "password": "correct horse battery", "display_name": format!("Tester {}", email.split('@').next().unwrap()), "location": location, "preferred_language": lang}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let v = r.json();
        (
            v["account"]["id"].as_i64().unwrap(),
            v["token"].as_str().unwrap().to_string(),
        )
    }

    pub async fn login(&self, email: &str) -> String {
        let r = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": "correct horse battery"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()["token"].as_str().unwrap().to_string()
    }
}

pub fn org_body(name: &str) -> Value {
    json!({"kind": "company", "name": {"zh-Hant": format!("{name}（香港）有限公司"), "en": format!("{name} (HK) Limited")},
           "sectors": ["electronics"], "location": "HK", "markets_served": ["CN-GD-SZ", "SG"]})
}

pub fn product_body(org: Option<i64>, title_en: &str, status: &str) -> Value {
    let mut v = json!({"kind": "product", "title": {"en": title_en, "zh-Hant": format!("{title_en}（繁體）")},
                       "codes": ["850440"], "target_regions": ["HK"], "attributes": {"moq": 100, "currency": "HKD"}, "status": status});
    if let Some(o) = org {
        v["organisation_id"] = json!(o);
    }
    v
}

/// The CSRF token a page's forms carry.
pub fn csrf_of(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("page has a form with a CSRF token")
        + 19;
    html[at..at + 64].to_string()
}

/// GETs a page with a browser-like client: (status, body).
pub async fn page(c: &reqwest::Client, s: &Server, path: &str) -> (StatusCode, String) {
    let r = c.get(s.url(path)).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// Signs in through the login form (password of `Server::register`); returns where it
/// redirected.
pub async fn sign_in(c: &reqwest::Client, s: &Server, email: &str, next: &str) -> String {
    let (_, html) = page(c, s, "/login").await;
    let r = c
        .post(s.url("/login"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("email", email),
            ("password", "correct horse battery"),
            ("next", next),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    r.headers()["location"].to_str().unwrap().to_string()
}
