//! Integration tests against a real server: one test binary (linking dominates build time on
//! small machines), each test run on SQLite and, under the README's test command, PostgreSQL.

mod api;
mod authz;
mod cli;
mod durability;
mod exhibition;
mod harness;
mod matching;
mod meetings;
mod messages;
mod ui;
