//! A small builder for queries whose WHERE clause depends on the caller's filters: it numbers
//! the `$n` parameters and collects their values, so no value is ever spliced into SQL text.

use sqlx::Arguments;
use sqlx::any::AnyArguments;

#[derive(Clone)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}

#[derive(Clone)]
pub(crate) struct Query {
    pub sql: String,
    args: Vec<Arg>,
}

impl Query {
    pub fn new(sql: &str) -> Self {
        Query {
            sql: sql.to_string(),
            args: vec![],
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.args.push(value.into());
        self.sql.push('$');
        self.sql.push_str(&self.args.len().to_string());
        self
    }

    /// Appends `(…)` with one placeholder per id, for `IN` lists.
    pub fn bind_list(&mut self, ids: &[i64]) -> &mut Self {
        self.sql.push('(');
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.bind(*id);
        }
        self.sql.push(')');
        self
    }

    pub fn arguments(&self) -> AnyArguments {
        let mut a = AnyArguments::default();
        for arg in &self.args {
            let r = match arg {
                Arg::Int(v) => a.add(*v),
                Arg::Text(v) => a.add(v.clone()),
            };
            r.expect("integers and strings always encode");
        }
        a
    }
}
