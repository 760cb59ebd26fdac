//! Expands the French dictionary once, at build time, into images that the program reads
//! in place: its morphology (about 80 ms at run time otherwise, `crate::lexicon::morphology`)
//! and the words it accepts as they stand (`crate::lexicon::plain_word`, which spares most
//! runs parsing the Hunspell dictionary). The expansion is the crate's own code
//! (`src/lexicon/morph.rs`), so the images are exactly what the program would build;
//! tests compare them.

#[allow(dead_code)]
#[path = "src/lexicon/morph.rs"]
mod morph;

fn main() {
    for f in ["src/lexicon/morph.rs", "dict/fr/fr.aff", "dict/fr/fr.dic"] {
        println!("cargo::rerun-if-changed={f}");
    }
    let read = |f: &str| -> &'static str {
        std::fs::read_to_string(f)
            .unwrap_or_else(|e| panic!("{f}: {e}"))
            .leak()
    };
    let (aff, dic) = (read("dict/fr/fr.aff"), read("dict/fr/fr.dic"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let m = morph::Morphology::new(aff, dic);
    std::fs::write(out.join("morphology.bin"), m.freeze_image()).expect("write the image");
    let words = morph::freeze_words(&morph::plain_words(aff, dic));
    std::fs::write(out.join("words.bin"), words).expect("write the word list");
    let infinitives = morph::freeze_words(&morph::infinitives_of(dic));
    std::fs::write(out.join("infinitives.bin"), infinitives).expect("write the infinitives");
}
