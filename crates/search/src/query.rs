//! Turning what a user typed into a ranked, faceted, highlighted answer.

use std::collections::{BTreeMap, HashSet};

use sc_domain::{Language, LocalizedText};
use sc_text::{Analyzer, Kind, Mode, Script, Target};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use crate::{Result, SearchIndex};

/// Facet roots reported with every answer.
pub const FACETS: &[&str] = &[
    "entity", "market", "kind", "sector", "region", "location", "fair", "hs",
];

/// Narrowing filters, each a facet value (`market` = `trade`, `hs` = `85/8504`).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub entity: Option<String>,
    pub market: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    pub region: Option<String>,
    pub location: Option<String>,
    pub fair: Option<i64>,
    /// An HS code or prefix, digits only.
    pub hs: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    pub filters: Filters,
    /// The reader's language: titles are shown in it.
    pub lang: Language,
    /// 0-based offset and page size.
    pub offset: usize,
    pub limit: usize,
    /// Count facet values over all matches (costs a pass over every match).
    pub facets: bool,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub id: i64,
    /// `listing` or `organisation`.
    pub entity: String,
    pub title: String,
    pub title_lang: Language,
    /// HTML: the matching words in `<mark>`, everything else escaped; in the query's script.
    pub snippet: String,
    pub score: f32,
}

#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub total: usize,
    /// Facet root → (value, count), largest first.
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
    pub hits: Vec<Hit>,
}

const NAME_BOOST: f32 = 3.0;
const PHRASE_BOOST: f32 = 2.0;
/// Characters matched one by one, in names and in bodies: well below whole words.
const CHAR_BOOST: [f32; 2] = [0.6, 0.2];

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

impl SearchIndex {
    /// Runs a search. Queries with no searchable words and no filters match nothing.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let a = Analyzer::shared();
        let tokens = a.tokens(&req.q, Mode::Query);
        let f = self.fields;
        let searcher = self.reader.searcher();
        // Whether a word occurs anywhere as it is: typo and prefix expansion (costly automata over
        // the term dictionary) are only for words the index does not know.
        let known = |text: &str| -> Result<bool> {
            for field in f.name.into_iter().chain(f.body) {
                if searcher.doc_freq(&Term::from_field_text(field, text))? > 0 {
                    return Ok(true);
                }
            }
            Ok(false)
        };
        let known_en = |text: &str| -> Result<bool> {
            for field in [f.name[2], f.body[2]] {
                if searcher.doc_freq(&Term::from_field_text(field, text))? > 0 {
                    return Ok(true);
                }
            }
            Ok(false)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![];

        // Every word must match somewhere; in a name it counts more. Words written apart that
        // the pipeline also offers run together (`smart watch` → `smartwatch`) are not required
        // themselves: each is an alternative for the words it covers.
        let mut seen = HashSet::new();
        let distinct: Vec<&sc_text::Token> = tokens
            .iter()
            .filter(|t| t.kind != Kind::Joined)
            .filter(|t| seen.insert(t.text.clone()))
            .collect();
        let joined: Vec<&sc_text::Token> =
            tokens.iter().filter(|t| t.kind == Kind::Joined).collect();
        let short = distinct.len() <= 3;
        for (i, t) in distinct.iter().enumerate() {
            let mut alts: Vec<(Occur, Box<dyn Query>)> = vec![];
            self.word_alternatives(&mut alts, &t.text, 1.0);
            for j in joined
                .iter()
                .filter(|j| j.start <= t.start && t.end <= j.end)
            {
                // Only a run-together form some text holds is worth seven term lookups.
                if known(&j.text)? {
                    self.word_alternatives(&mut alts, &j.text, 1.0);
                }
            }
            let latin = t.text.chars().all(|c| c.is_ascii_alphanumeric());
            let han = t.text.chars().all(sc_text::is_han);
            let last = i + 1 == distinct.len();
            let unknown = !known(&t.text)?;
            if latin {
                // A word written whole may be two words written apart (`smartwatch` for
                // `smart watch`): the halves as a phrase, where the index knows both.
                // Split the word as typed, not its stem (`eggrolls`, not `eggrol`).
                let typed = a.fold(&req.q[t.start..t.end]);
                let mut found = 0;
                for (left, right) in a.splits(&typed) {
                    if found == 2 {
                        break;
                    }
                    // Halves of a Latin word are English words: the English fields tell.
                    if left == t.text || !known_en(&left)? || !known_en(&right)? {
                        continue;
                    }
                    found += 1;
                    for (field, weight) in f
                        .name
                        .into_iter()
                        .map(|n| (n, NAME_BOOST))
                        .chain(f.body.into_iter().map(|b| (b, 1.0)))
                    {
                        let phrase = PhraseQuery::new(vec![
                            Term::from_field_text(field, &left),
                            Term::from_field_text(field, &right),
                        ]);
                        alts.push((Occur::Should, boosted(Box::new(phrase), weight)));
                    }
                }
            }
            if han && (t.text.chars().count() == 1 || unknown) && t.text.chars().count() <= 8 {
                // One character (茶, 燈) finds the words that contain it; a word the index
                // does not hold whole (the start of one still being typed, a compound jieba cut
                // differently) finds the texts that contain its characters in a row. Weighted
                // below whole words, so they still rank first.
                for (field, weight) in f.chars.into_iter().zip(CHAR_BOOST) {
                    let chars: Vec<Term> = t
                        .text
                        .chars()
                        .map(|c| Term::from_field_text(field, c.encode_utf8(&mut [0; 4])))
                        .collect();
                    let q: Box<dyn Query> = if chars.len() == 1 {
                        Box::new(TermQuery::new(
                            chars.into_iter().next().expect("one"),
                            IndexRecordOption::WithFreqs,
                        ))
                    } else {
                        Box::new(PhraseQuery::new(chars))
                    };
                    alts.push((Occur::Should, boosted(q, weight)));
                }
            }
            if unknown
                && latin
                && t.text.chars().count() >= 4
                && t.text.chars().any(|c| c.is_ascii_alphabetic())
            {
                // One typo allowed in Latin words of four or more letters after stemming ("chargr",
                // "fibre" for "fiber"). A fuzzy match scores a constant, not BM25, so the name's
                // weight is applied here too; otherwise a name and a description tie, and ties
                // fall to segment order, which varies from run to run.
                for (field, weight) in f
                    .name
                    .into_iter()
                    .map(|n| (n, NAME_BOOST))
                    .chain(f.body.into_iter().map(|b| (b, 1.0)))
                {
                    alts.push((
                        Occur::Should,
                        boosted(
                            Box::new(FuzzyTermQuery::new(
                                Term::from_field_text(field, &t.text),
                                1,
                                true,
                            )),
                            0.5 * weight,
                        ),
                    ));
                }
            }
            if unknown && last && short && t.text.chars().count() >= 2 {
                // Type-ahead: the last word may be unfinished ("blueto", "充電").
                for field in f.name {
                    alts.push((
                        Occur::Should,
                        boosted(
                            Box::new(FuzzyTermQuery::new_prefix(
                                Term::from_field_text(field, &t.text),
                                0,
                                false,
                            )),
                            1.5,
                        ),
                    ));
                }
                alts.push((
                    Occur::Should,
                    Box::new(FuzzyTermQuery::new_prefix(
                        Term::from_field_text(f.codes, &t.text),
                        0,
                        false,
                    )),
                ));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
        }
        // The exact phrase in a name ranks first. Only for Latin words: a Chinese run is cut into
        // words in order already, and phrase checks over the large Chinese posting lists cost
        // more than they change (measured: half the query time at a million listings).
        let mut by_position: Vec<&sc_text::Token> = vec![];
        for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
            if by_position.last().is_none_or(|p| p.position != t.position) {
                by_position.push(t);
            }
        }
        let latin_phrase = by_position.len() >= 2
            && by_position
                .iter()
                .all(|t| t.text.chars().all(|c| c.is_ascii_alphanumeric()));
        if latin_phrase {
            let terms: Vec<(usize, Term)> = by_position
                .iter()
                .enumerate()
                .map(|(i, t)| (i, Term::from_field_text(f.name[2], &t.text)))
                .collect();
            clauses.push((
                Occur::Should,
                boosted(Box::new(PhraseQuery::new_with_offset(terms)), PHRASE_BOOST),
            ));
        }

        let filter_terms = self.filter_terms(&req.filters)?;
        if distinct.is_empty() {
            if filter_terms.is_empty() {
                return Ok(SearchResults::default());
            }
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        for term in filter_terms {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    0.0,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);

        let limit = req.limit.clamp(1, 100);
        let top_docs = TopDocs::with_limit(limit)
            .and_offset(req.offset)
            .order_by_score();
        let (top, total, facet_counts) = if req.facets {
            let mut facet_collector = FacetCollector::for_field("facets");
            for root in FACETS {
                facet_collector.add_facet(Facet::from(&format!("/{root}")));
            }
            let (top, total, counts) =
                searcher.search(&query, &(top_docs, Count, facet_collector))?;
            (top, total, Some(counts))
        } else {
            let (top, total) = searcher.search(&query, &(top_docs, Count))?;
            (top, total, None)
        };

        let mut facets = BTreeMap::new();
        for root in FACETS.iter().filter(|_| req.facets) {
            let Some(facet_counts) = &facet_counts else {
                break;
            };
            let mut values: Vec<(String, u64)> = facet_counts
                .get(&format!("/{root}"))
                .map(|(facet, count)| {
                    (
                        facet
                            .to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        count,
                    )
                })
                .collect();
            values.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            values.truncate(20);
            facets.insert(root.to_string(), values);
        }

        // Snippets are shown in the reader's script: a Simplified query on a Traditional page
        // shows Traditional text (converted where the writer wrote only Simplified), with the
        // matches marked. An English reader who types Chinese sees the script they typed; a
        // Latin query takes its snippet from the English body first.
        let query_script = a.script(&req.q);
        let reader_script = match req.lang {
            Language::ZhHant => Some(Target::Traditional),
            Language::ZhHans => Some(Target::Simplified),
            Language::En => match query_script {
                Script::Simplified => Some(Target::Simplified),
                Script::Traditional => Some(Target::Traditional),
                _ => None,
            },
        };
        let order = match (query_script, reader_script) {
            (Script::Latin, Some(Target::Simplified)) => [2, 1, 0],
            (Script::Latin, _) => [2, 0, 1],
            (_, Some(Target::Simplified)) => [1, 0, 2],
            (_, Some(Target::Traditional)) => [0, 1, 2],
            _ => [2, 0, 1],
        };
        let want_script = reader_script;
        // Built on first use: most answers need one field's generator, empty answers none.
        let mut generators: [Option<SnippetGenerator>; 3] = [None, None, None];
        let mut hits = vec![];
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let name = LocalizedText {
                zh_hant: text_of(f.name[0]),
                zh_hans: text_of(f.name[1]),
                en: text_of(f.name[2]),
            };
            let mut snippet = String::new();
            for i in order {
                if doc.get_first(f.body[i]).is_none() {
                    continue;
                }
                let generator = match &mut generators[i] {
                    Some(g) => g,
                    slot => {
                        slot.insert(snippet_generator(&searcher, &query, f.body[i], f.chars[1])?)
                    }
                };
                let s = generator.snippet_from_doc(&doc);
                if s.fragment().is_empty() {
                    continue;
                }
                // Convert to the query's script only where the body is in the other script.
                let convert = match (want_script, i) {
                    (Some(Target::Simplified), 0) => Some(Target::Simplified),
                    (Some(Target::Traditional), 1) => Some(Target::Traditional),
                    _ => None,
                };
                snippet = render_snippet(s.fragment(), s.highlighted(), convert);
                break;
            }
            hits.push(Hit {
                id: doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0) as i64,
                entity: text_of(f.entity).unwrap_or_default(),
                title: name.best(req.lang).to_string(),
                title_lang: name.best_lang(req.lang),
                snippet,
                score,
            });
        }
        Ok(SearchResults {
            total,
            facets,
            hits,
        })
    }

    /// A word in a name (weighted), in a body, or as a code.
    fn word_alternatives(&self, alts: &mut Vec<(Occur, Box<dyn Query>)>, word: &str, weight: f32) {
        let f = self.fields;
        let fields = f
            .name
            .into_iter()
            .map(|n| (n, NAME_BOOST))
            .chain(f.body.into_iter().chain([f.codes]).map(|b| (b, 1.0)));
        for (field, boost) in fields {
            alts.push((
                Occur::Should,
                boosted(
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, word),
                        IndexRecordOption::WithFreqs,
                    )),
                    boost * weight,
                ),
            ));
        }
    }

    fn filter_terms(&self, filters: &Filters) -> Result<Vec<Term>> {
        let mut out = vec![];
        let mut add = |root: &str, value: Option<&str>| -> Result<()> {
            if let Some(v) = value {
                if v.is_empty()
                    || v.len() > 64
                    || !v
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '/')
                {
                    return Err(crate::SearchError::Invalid(format!(
                        "{root}: not a value this filter knows"
                    )));
                }
                let mut path = vec![root];
                path.extend(v.split('/'));
                out.push(Term::from_facet(
                    self.fields.facets,
                    &Facet::from_path(path),
                ));
            }
            Ok(())
        };
        add("entity", filters.entity.as_deref())?;
        add("market", filters.market.as_deref())?;
        add("kind", filters.kind.as_deref())?;
        add("sector", filters.sector.as_deref())?;
        add("region", filters.region.as_deref())?;
        add("location", filters.location.as_deref())?;
        let fair = filters.fair.map(|f| f.to_string());
        add("fair", fair.as_deref())?;
        if let Some(code) = filters.hs.as_deref() {
            if !crate::hs_prefix_ok(code) {
                return Err(crate::SearchError::Invalid(
                    "hs: an HS code or prefix, 2 to 10 digits in pairs".into(),
                ));
            }
            let path = (1..=code.len() / 2)
                .map(|i| code[..i * 2].to_string())
                .collect::<Vec<_>>()
                .join("/");
            add("hs", Some(&path))?;
        }
        Ok(out)
    }
}

/// Snippets of a body field that mark the query's words and, where the query matched
/// characters one by one (茶 in 普洱茶), those characters.
fn snippet_generator(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    body: tantivy::schema::Field,
    chars: tantivy::schema::Field,
) -> Result<SnippetGenerator> {
    let mut terms: std::collections::BTreeSet<Term> = Default::default();
    query.query_terms(&mut |term, _| {
        if term.field() == body || term.field() == chars {
            terms.insert(term.clone());
        }
    });
    let mut with_chars = false;
    let mut terms_text = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else {
            continue;
        };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            with_chars |= term.field() == chars;
            terms_text.insert(text, 1.0 / (1.0 + doc_freq as f32));
        }
    }
    let tokenizer =
        tantivy::tokenizer::TextAnalyzer::from(crate::tokenizer::SnippetTokenizer { with_chars });
    Ok(SnippetGenerator::new(terms_text, tokenizer, body, 160))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Escaped HTML with `<mark>` around each highlighted range, optionally converted to a script.
fn render_snippet(
    fragment: &str,
    highlighted: &[std::ops::Range<usize>],
    convert: Option<Target>,
) -> String {
    let conv = |s: &str| match convert {
        Some(t) => Analyzer::shared().convert(s, t),
        None => s.to_string(),
    };
    let mut html = String::new();
    let mut at = 0;
    for r in highlighted {
        if r.start < at || r.end > fragment.len() {
            continue;
        }
        html.push_str(&escape(&conv(&fragment[at..r.start])));
        html.push_str("<mark>");
        html.push_str(&escape(&conv(&fragment[r.start..r.end])));
        html.push_str("</mark>");
        at = r.end;
    }
    html.push_str(&escape(&conv(&fragment[at..])));
    html
}
