//! Library benchmarks (criterion): tokenising, matching, the full check of the article
//! replicated, and compiling the default glossary and a large termbase.
//!
//! `cargo bench --bench throughput`. The large inputs come from `bench/run.sh` (which builds
//! them under /tmp/relecture-bench); the benchmarks that need them are skipped when they
//! are absent. `RELECTURE_BENCH_DIR` points elsewhere.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use relecture::Checker;
use relecture::document::{Document, tokenize};
use relecture::formats::Format;
use relecture::glossary::{self, CompiledGlossary};
use std::hint::black_box;
use std::path::PathBuf;

const ARTICLE: &str = include_str!("../corpus/meta-puce-ia.fr.txt");

fn bench_dir() -> PathBuf {
    std::env::var_os("RELECTURE_BENCH_DIR")
        .map_or_else(|| PathBuf::from("/tmp/relecture-bench"), PathBuf::from)
}

/// The article replicated to about `bytes` bytes (paragraphs kept apart).
fn article_times(bytes: usize) -> String {
    let block = format!("{}\n\n", ARTICLE.trim_end());
    block.repeat(bytes / block.len() + 1)
}

fn read_glossary(name: &str) -> Option<glossary::Glossary> {
    let path = bench_dir().join(name);
    let text = std::fs::read_to_string(&path).ok()?;
    Some(glossary::parse(&path.display().to_string(), &text).expect("benchmark termbase parses"))
}

fn tokenise(c: &mut Criterion) {
    let text = article_times(1_000_000);
    let mut g = c.benchmark_group("tokenise");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("words, article 1 MB", |b| {
        b.iter(|| tokenize(black_box(&text), 0, text.len()).len())
    });
    g.bench_function("sentences, article 1 MB", |b| {
        b.iter(|| relecture::document::sentences(black_box(&text)).len())
    });
    g.bench_function(
        "document (mask, sentences, words, lines), article 1 MB",
        |b| {
            b.iter(|| {
                Document::new("a.txt", black_box(text.clone()), Format::Text)
                    .tokens
                    .len()
            })
        },
    );
    g.finish();
}

fn matching(c: &mut Criterion) {
    let text = article_times(1_000_000);
    let doc = Document::new("a.txt", text.clone(), Format::Text);
    let default = CompiledGlossary::new(glossary::defaults::load().expect("default glossary"));
    let mut g = c.benchmark_group("match");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("default glossary, article 1 MB", |b| {
        b.iter(|| default.find(black_box(&doc)).len())
    });
    if let Some(big) = read_glossary("termbase-100k.tbx") {
        let mut merged = glossary::defaults::load().expect("default glossary");
        merged.merge(big);
        let big = CompiledGlossary::new(merged);
        g.bench_function("default + 100k termbase, article 1 MB", |b| {
            b.iter(|| big.find(black_box(&doc)).len())
        });
    }
    g.finish();
}

fn check(c: &mut Criterion) {
    let text = article_times(1_000_000);
    let checker = Checker::new(glossary::defaults::load().expect("default glossary"));
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("default glossary, article 1 MB", |b| {
        b.iter(|| {
            let doc = Document::new("a.txt", black_box(text.clone()), Format::Text);
            checker.check(&doc).len()
        })
    });
    if let Ok(man) = std::fs::read_to_string(bench_dir().join("manpages.txt")) {
        g.throughput(Throughput::Bytes(man.len() as u64));
        g.bench_function("default glossary, man pages (one file)", |b| {
            b.iter(|| {
                let doc = Document::new("m.txt", black_box(man.clone()), Format::Text);
                checker.check(&doc).len()
            })
        });
    }
    g.finish();
}

fn compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("glossary");
    g.sample_size(10);
    g.bench_function("parse default glossaries", |b| {
        b.iter(|| glossary::defaults::load().expect("default glossary").len())
    });
    let default = glossary::defaults::load().expect("default glossary");
    g.bench_function("compile default glossaries", |b| {
        b.iter(|| CompiledGlossary::new(black_box(default.clone())).pattern_count())
    });
    let path = bench_dir().join("termbase-100k.tbx");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let name = path.display().to_string();
        g.bench_function("parse 100k termbase (TBX)", |b| {
            b.iter(|| {
                glossary::parse(&name, black_box(&text))
                    .expect("parses")
                    .len()
            })
        });
        let big = glossary::parse(&name, &text).expect("parses");
        g.bench_function("compile 100k termbase", |b| {
            b.iter(|| CompiledGlossary::new(black_box(big.clone())).pattern_count())
        });
    }
    g.finish();
}

criterion_group!(benches, tokenise, matching, check, compile);
criterion_main!(benches);
