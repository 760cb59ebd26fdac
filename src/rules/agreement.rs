//! `agreement`: an adjective or a past participle whose gender or number does not match
//! the noun it qualifies, in the patterns that translations break most often: an
//! adjective after its noun (« des puces performant »), a participle or an adjective after
//! « être » and its subject (« la puce … est conçu », « la demande était plus fort »), a
//! participle in apposition (« son usine, construit en 2022 »).
//!
//! Genders and numbers come from the morphology of the French dictionary (see
//! `crate::lexicon`). Precision comes before recall: the rule speaks only when every noun
//! the word could qualify has a certain gender and number (from the dictionary or from its
//! determiner) and none of them matches any reading of the word.

use super::{Context, Rule, RuleDoc, RuleMeta, WordList, match_case};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span, Suggestion};
use crate::document::{Document, Token, Vocabulary, WordIds, tokenize_phrase};
use crate::hint::prefetch;
use crate::lexicon::{Analysis, Gender, Morphology, Number, Pos, ReadingsAt};
use smallvec::{SmallVec, smallvec};
use std::cell::OnceCell;
use std::collections::HashSet;

pub struct Agreement;

static META: RuleMeta = RuleMeta {
    id: "agreement",
    category: Category::Grammar,
    severity: Severity::Warning,
    summary: "Adjectif ou participe qui ne s'accorde pas avec son nom ou son sujet.",
    doc: RuleDoc {
        what: "Signale un adjectif ou un participe passé dont le genre ou le nombre ne \
               correspond pas au nom qu'il qualifie : adjectif placé après le nom (« des \
               puces performant »), participe ou adjectif attribut après « être » et son sujet \
               (« la puce … est conçu », « la demande était plus fort »), participe apposé \
               (« son usine, construit en 2022 »). La règle ne parle que lorsque le genre et \
               le nombre du nom sont certains (dictionnaire, déterminant) et qu'aucun nom \
               voisin ne peut justifier l'accord.",
        why: "La traduction automatique et la traduction pressée calquent l'anglais, qui \
              n'accorde pas : le participe reste au masculin singulier, l'adjectif s'accorde \
              avec le mauvais nom. Le lecteur le remarque aussitôt.",
        example: "Selon Reuters, la puce a été produite par TSMC et est conçu pour l'IA.",
        instead: "Selon Reuters, la puce a été produite par TSMC et est conçue pour l'IA.",
    },
};

impl Rule for Agreement {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if !doc.tokens.iter().any(|t| t.is_word()) {
            return;
        }
        let words = doc.vocabulary();
        let a = Analyzer::new(cx, &words);
        // Each analysis below judges an adjective or a participle in its place (`adjective`):
        // the candidates are the words that may be one in some place (`Word::may_be_adjective`).
        let (mut candidates, mut block) = (a.candidates(), Vec::new());
        while candidates.next_block(&a, Candidates::BLOCK, &mut block) {
            for group in block.chunks(Analyzer::AHEAD) {
                a.read_ahead(group);
                for &i in group {
                    let i = i as usize;
                    let finding = a
                        .after_noun(i)
                        .or_else(|| a.after_etre(i))
                        .or_else(|| a.in_apposition(i));
                    if let Some(f) = finding {
                        out.push(a.diagnostic(&f));
                    }
                }
            }
        }
    }
}

/// The « N1 de N2 » compounds of a glossary, as pairs of dictionary entries.
struct Compounds(HashSet<(u32, u32)>);

/// A gender and a number, either of which may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Gn {
    g: Gender,
    n: Number,
}

impl Gn {
    const UNKNOWN: Gn = Gn {
        g: Gender::Either,
        n: Number::Either,
    };

    /// What `readings` have in common: a gender or number on which they differ is
    /// `Either`; `None` when there is no reading.
    fn shared<'r>(readings: impl Iterator<Item = &'r Analysis>) -> Option<Gn> {
        readings
            .map(|a| Gn {
                g: a.gender,
                n: a.number,
            })
            .reduce(|o, x| Gn {
                g: if o.g == x.g { o.g } else { Gender::Either },
                n: if o.n == x.n { o.n } else { Number::Either },
            })
    }

    fn certain(self) -> bool {
        self.g != Gender::Either && self.n != Number::Either
    }

    /// Both constraints at once; `None` when they contradict each other.
    fn unify(self, o: Gn) -> Option<Gn> {
        let g = match (self.g, o.g) {
            (Gender::Either, x) | (x, Gender::Either) => x,
            (x, y) if x == y => x,
            _ => return None,
        };
        let n = match (self.n, o.n) {
            (Number::Either, x) | (x, Number::Either) => x,
            (x, y) if x == y => x,
            _ => return None,
        };
        Some(Gn { g, n })
    }

    fn accepts(self, a: &Analysis) -> bool {
        self.g.accepts(a.gender) && self.n.accepts(a.number)
    }

    fn describe(self) -> String {
        let g = match self.g {
            Gender::Masculine => "masculin",
            Gender::Feminine => "féminin",
            Gender::Either => "",
        };
        let n = match self.n {
            Number::Singular => "singulier",
            Number::Plural => "pluriel",
            Number::Either => "",
        };
        [g, n]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a finding says: the word that does not agree, the nouns it should agree with.
struct Finding {
    word: usize,
    /// (first token, head token, gender and number) of each noun it could qualify.
    nouns: Vec<(usize, usize, Gn)>,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq)]
enum Place {
    AfterNoun,
    AfterEtre,
    Apposition,
}

#[derive(PartialEq)]
enum Kind {
    AfterNoun,
    Subject,
    Apposition,
}

/// One noun phrase of a chain « N1 de N2 de N3 », from the nearest to the farthest.
#[derive(Debug, Clone, Copy)]
struct Np {
    start: usize,
    head: usize,
    det: Option<usize>,
    gn: Option<Gn>,
    /// Linked to the next (farther) noun by « de » (or « du », « des »).
    linked_by_de: bool,
    /// Linked to the next noun by juxtaposition (« appels système »).
    juxtaposed: bool,
}

/// The noun phrases of a chain (`Analyzer::chain`): five at most, kept inline.
type Chain = SmallVec<[Np; 5]>;

/// True when `gap`, a gap's bytes (`Analyzer::gap_bytes`), is a comma and white space: it
/// is decoded and trimmed only when it holds a comma (nearly every gap is one space).
fn only_comma_bytes(gap: &[u8]) -> bool {
    gap.contains(&b',') && std::str::from_utf8(gap).is_ok_and(|g| g.trim() == ",")
}

/// Determiners: gender and number they impose.
fn determiner(w: &str) -> Option<Gn> {
    use Gender::{Either, Feminine, Masculine};
    use Number::{Plural, Singular};
    let (g, n) = match w {
        "le" | "un" | "ce" | "cet" | "du" | "au" | "aucun" | "nul" => (Masculine, Singular),
        "la" | "une" | "cette" | "ma" | "ta" | "sa" | "aucune" | "nulle" => (Feminine, Singular),
        "l'" | "mon" | "ton" | "son" | "notre" | "votre" | "leur" | "chaque" => (Either, Singular),
        "les" | "des" | "ces" | "mes" | "tes" | "ses" | "nos" | "vos" | "leurs" | "aux"
        | "plusieurs" | "quelques" => (Either, Plural),
        "certains" | "divers" => (Masculine, Plural),
        "certaines" | "diverses" => (Feminine, Plural),
        _ => return None,
    };
    Some(Gn { g, n })
}

/// Words before « le », « la », « les », « l' » that make them object pronouns.
static BEFORE_OBJECT_PRONOUN: WordList = WordList::new(&[
    "il", "elle", "on", "ils", "elles", "je", "j'", "tu", "nous", "vous", "ne", "n'", "qui",
]);

/// Adjectives that come before their noun (« la nouvelle puce »), and cardinals.
static PRENOMINAL: WordList = WordList::new(&[
    "nouveau",
    "nouvel",
    "nouvelle",
    "nouveaux",
    "nouvelles",
    "grand",
    "grande",
    "grands",
    "grandes",
    "petit",
    "petite",
    "petits",
    "petites",
    "premier",
    "première",
    "premiers",
    "premières",
    "dernier",
    "dernière",
    "derniers",
    "dernières",
    "seul",
    "seule",
    "seuls",
    "seules",
    "bon",
    "bonne",
    "bons",
    "bonnes",
    "meilleur",
    "meilleure",
    "meilleurs",
    "meilleures",
    "gros",
    "grosse",
    "grosses",
    "haut",
    "haute",
    "hauts",
    "hautes",
    "jeune",
    "jeunes",
    "vieux",
    "vieil",
    "vieille",
    "vieilles",
    "prochain",
    "prochaine",
    "prochains",
    "prochaines",
    "ancien",
    "ancienne",
    "anciens",
    "anciennes",
    "vaste",
    "vastes",
    "forte",
    "fortes",
    "faible",
    "faibles",
    "large",
    "larges",
    "principal",
    "principale",
    "principaux",
    "principales",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "vingt",
    "cent",
    "mille",
    "autres",
    "autre",
]);

/// Adverbs that may stand between a noun or « être » and the adjective.
static ADVERBS: WordList = WordList::new(&[
    "très",
    "plus",
    "moins",
    "aussi",
    "trop",
    "assez",
    "particulièrement",
    "extrêmement",
    "peu",
    "pas",
    "jamais",
    "guère",
    "également",
    "déjà",
    "toujours",
    "encore",
    "souvent",
    "désormais",
    "actuellement",
    "principalement",
    "notamment",
    "surtout",
    "généralement",
    "spécialement",
    "spécifiquement",
    "entièrement",
    "totalement",
    "largement",
    "parfaitement",
    "relativement",
    "nettement",
    "bien",
    "vraiment",
    "vite",
    "rapidement",
    "alors",
    "donc",
    "ainsi",
    "aujourd'hui",
    "pourtant",
    "cependant",
    "néanmoins",
    "enfin",
    "finalement",
    "initialement",
    "officiellement",
    "directement",
    "essentiellement",
    "clairement",
    "fortement",
    "officiellement",
]);

/// Words that are never taken for an adjective in agreement (locutions, adverbial uses).
static NOT_ADJECTIVES: WordList = WordList::new(&[
    "seul",
    "seule",
    "seuls",
    "seules",
    "tout",
    "toute",
    "tous",
    "toutes",
    "même",
    "mêmes",
    "ensemble",
    "debout",
    "pareil",
    "soi-disant",
    "plein",
    "exprès",
    "ci",
    "là",
    "possible",
    "possibles",
    "fort",
    "bas",
    "haut",
    "cher",
    "juste",
    "clair",
    "net",
    "dur",
    "droit",
    "court",
    "lourd",
    "faux",
    "demi",
    "mi",
    "nu",
    "feu",
    "grand",
    "bon",
    "chic",
    "standard",
    "super",
    "maximum",
    "minimum",
    "type",
    "record",
    "clé",
    "clés",
    "phare",
    "pilote",
    "témoin",
]);

/// Predicative words after « être » for which the adverb reading is usual.
static ADVERB_AFTER_ETRE: WordList = WordList::new(&[
    "bien", "mal", "loin", "près", "ensemble", "debout", "ainsi", "tout", "même", "pareil",
    "exprès", "bel",
]);

/// Locutions that stay invariable after a noun (« des puces haut de gamme »).
static INVARIABLE_STARTS: WordList = WordList::new(&[
    "haut", "bas", "milieu", "entrée", "bon", "grand", "dernier", "plein", "clé", "zéro", "hors",
]);

/// Prepositions: a noun after one of them (without determiner) may be a mere complement.
static PREPOSITIONS: WordList = WordList::new(&[
    "à", "au", "aux", "en", "pour", "avec", "sans", "sur", "par", "dans", "chez", "entre", "vers",
    "contre", "sous", "selon", "pendant", "depuis", "après", "avant", "malgré", "grâce", "via",
    "comme", "parmi", "face",
]);

/// Nouns that make locutions rather than noun phrases (« une fois débloqué »).
static NOT_HEADS: WordList = WordList::new(&[
    "fois", "part", "cas", "sorte", "façon", "manière", "moment", "lieu", "instant", "coup",
    "plupart", "temps", "maximum", "minimum",
    // Prefixes written apart (« pseudo terminaux », « quasi totalité »).
    "pseudo", "quasi", "semi", "multi", "mono", "auto", "non",
]);

/// Intensifiers between a noun and its adjective (« une puce très performante »).
static INTENSIFIERS: WordList = WordList::new(&[
    "très",
    "plus",
    "moins",
    "aussi",
    "trop",
    "assez",
    "particulièrement",
    "extrêmement",
    "peu",
    "fort",
    "bien",
]);

/// Quantities before « de » (« beaucoup de puces »): the noun after « de » is the head.
static QUANTITIES: WordList = WordList::new(&[
    "beaucoup", "peu", "plus", "moins", "trop", "assez", "tant", "autant", "combien", "pas",
    "guère", "jamais",
]);

/// Nouns that name an identifier: the word after them is a name, not an adjective
/// (« le paramètre value », « le bit exclusive »).
static NAMING_NOUNS: WordList = WordList::new(&[
    "paramètre",
    "paramètres",
    "option",
    "options",
    "variable",
    "variables",
    "champ",
    "champs",
    "fonction",
    "fonctions",
    "commande",
    "commandes",
    "argument",
    "arguments",
    "attribut",
    "attributs",
    "drapeau",
    "drapeaux",
    "macro",
    "macros",
    "constante",
    "constantes",
    "bit",
    "bits",
    "indicateur",
    "indicateurs",
    "mot-clé",
    "clé",
    "clés",
    "balise",
    "balises",
    "propriété",
    "propriétés",
    "méthode",
    "méthodes",
    "classe",
    "classes",
    "module",
    "modules",
    "paquet",
    "paquets",
    "programme",
    "fichier",
    "fichiers",
    "répertoire",
    "type",
    "types",
    "valeur",
    "valeurs",
    "mode",
    "opérateur",
    "signal",
    "élément",
    "éléments",
    "section",
    "onglet",
    "bouton",
    "menu",
    "profil",
    "compte",
    "catégorie",
    "étiquette",
    "format",
    "protocole",
    "paramétrage",
    "locale",
    "locales",
    "fichier",
    "tampon",
    "registre",
    "instruction",
    "directive",
]);

/// Nouns used as invariable complements of another noun (« préférences utilisateur »).
static NOUN_ADJUNCTS: WordList = WordList::new(&[
    "utilisateur",
    "utilisateurs",
    "client",
    "clients",
    "système",
    "serveur",
    "maison",
    "machine",
    "réseau",
    "mémoire",
    "source",
    "sources",
    "cible",
    "hôte",
    "racine",
    "parent",
    "enfant",
    "modèle",
    "pilote",
    "test",
    "type",
    "standard",
    "noyau",
    "administrateur",
    "invité",
    "expert",
    "témoin",
    "record",
    "phare",
    "clé",
    "limite",
    "maximum",
    "minimum",
    "matériel",
    "logiciel",
    "parents",
    "enfants",
    "réseau",
    "autres",
    "autre",
]);

/// Words after which a clause (and so a subject) starts.
static CLAUSE_OPENERS: WordList = WordList::new(&[
    "que", "qu'", "car", "mais", "or", "donc", "si", "lorsque", "lorsqu'", "quand", "puisque",
    "puisqu'", "comme", "où", "alors", "parce", "tandis", "bien",
]);

/// Forms of « être » (and copulas), with the number of their subject.
fn etre(w: &str) -> Option<Number> {
    use Number::*;
    Some(match w {
        "est" | "était" | "sera" | "serait" | "fut" | "fût" | "soit" | "reste" | "restait"
        | "demeure" | "devient" | "devenait" | "semble" | "semblait" | "paraît" | "paraissait" => {
            Singular
        }
        "sont" | "étaient" | "seront" | "seraient" | "furent" | "soient" | "restent"
        | "restaient" | "demeurent" | "deviennent" | "devenaient" | "semblent" | "semblaient"
        | "paraissent" => Plural,
        _ => return None,
    })
}

/// Forms of « avoir » (before « été ») and of the verbs that take « être » as infinitive.
fn auxiliary(w: &str) -> Option<Number> {
    use Number::*;
    Some(match w {
        "a" | "avait" | "aura" | "aurait" | "ait" | "eut" | "peut" | "pourrait" | "doit"
        | "devrait" | "va" | "allait" | "semble" | "semblait" | "risque" | "pourra" | "devra" => {
            Singular
        }
        "ont" | "avaient" | "auront" | "auraient" | "aient" | "eurent" | "peuvent"
        | "pourraient" | "doivent" | "devraient" | "vont" | "allaient" | "semblent"
        | "semblaient" | "risquent" | "pourront" | "devront" => Plural,
        _ => return None,
    })
}

/// What the analyses ask of a word that depends on its form and readings alone, worked
/// out once per distinct form (`Analyzer::word`): the words around each candidate are
/// asked again and again whether they are a noun, a determiner, an adverb..., each
/// question a walk over their readings or a look-up in word lists.
///
/// 16 bytes (its readings named by their place among the dictionary's, `ReadingsAt`,
/// where a slice took 16 bytes of its 32): the facts' entries hold two, and the per-file
/// table by id one per distinct word.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word {
    /// The dictionary's readings (none for a name: `Analyzer::is_name`), among
    /// `Morphology::all_readings`.
    readings: ReadingsAt,
    /// Gender and number as a noun (`Analyzer::noun`, but for « quelque chose »).
    noun: Option<Gn>,
    /// Gender and number imposed as a determiner (`determiner`).
    det: Option<Gn>,
    /// Gender and number of its adjective readings, when it is written in letters alone
    /// (what an adjective before a noun imposes: `Analyzer::np`).
    adj: Option<Gn>,
    /// The number of its subject as a form of « être » (`etre`).
    etre: Option<Number>,
    flags: u32,
}

impl Word {
    /// A reading is an adjective or a past participle (`Analyzer::has_adj`).
    const ADJ: u32 = 1;
    /// A reading is a past participle.
    const PPAS: u32 = 1 << 1;
    /// A reading is a present participle.
    const PPRE: u32 = 1 << 2;
    /// A reading is a noun.
    const NOUN: u32 = 1 << 3;
    /// A reading is an infinitive.
    const INFI: u32 = 1 << 4;
    /// Nothing but a noun (`Analyzer::noun_only`).
    const NOUN_ONLY: u32 = 1 << 5;
    /// An adverb (`Analyzer::adverb`).
    const ADVERB: u32 = 1 << 6;
    /// A form of « être », of an auxiliary, « été » or « être »: never a head
    /// (`Analyzer::head`).
    const VERB: u32 = 1 << 7;
    /// In `INTENSIFIERS`.
    const INTENSIFIER: u32 = 1 << 8;
    /// In `PRENOMINAL`.
    const PRENOMINAL: u32 = 1 << 9;
    /// In `PREPOSITIONS`.
    const PREPOSITION: u32 = 1 << 10;
    /// Never an adjective after a noun or in apposition (a digit, `NOT_ADJECTIVES`).
    const NOT_ADJECTIVE: u32 = 1 << 11;
    /// Never an adjective after « être » (a digit, `ADVERB_AFTER_ETRE`).
    const NOT_ATTRIBUTE: u32 = 1 << 12;
    /// Every reading may be an adjective after a noun, a present participle's with no
    /// object after it (`Analyzer::adjective`).
    const AFTER_NOUN: u32 = 1 << 13;
    /// A reading is a present participle as well as, or instead of, an adjective: an
    /// adjective after a noun only with no object after it.
    const UNLESS_OBJECT: u32 = 1 << 14;
    /// Every reading may be an attribute after « être ».
    const AFTER_ETRE: u32 = 1 << 15;
    /// Every reading may be a participle in apposition.
    const APPOSITION: u32 = 1 << 16;

    /// The word `w`, whose readings are `at` among `all` (`Morphology::all_readings`).
    fn of(w: &str, all: &[Analysis], at: ReadingsAt) -> Word {
        let readings = at.get(all);
        // (The parts of speech of every reading, or-ed in one pass.)
        let all = Pos(readings.iter().fold(0, |m, a| m | a.pos.0));
        let any = |p: Pos| all.has(p);
        let mut flags = 0;
        let mut set = |flag: u32, yes: bool| {
            if yes {
                flags |= flag;
            }
        };
        set(Word::ADJ, any(Pos::ADJ) || any(Pos::PPAS));
        set(Word::PPAS, any(Pos::PPAS));
        set(Word::PPRE, any(Pos::PPRE));
        set(Word::NOUN, any(Pos::NOUN));
        set(Word::INFI, any(Pos::INFI));
        set(
            Word::NOUN_ONLY,
            !readings.is_empty()
                && readings
                    .iter()
                    .all(|a| a.pos.has(Pos::NOUN) && !a.pos.has(Pos::ADJ) && !a.pos.has(Pos::PPAS)),
        );
        set(
            Word::ADVERB,
            ADVERBS.contains(w)
                || (!readings.is_empty() && readings.iter().all(|a| a.pos == Pos::ADV)),
        );
        let etre = etre(w);
        set(
            Word::VERB,
            etre.is_some() || auxiliary(w).is_some() || matches!(w, "été" | "être"),
        );
        set(Word::INTENSIFIER, INTENSIFIERS.contains(w));
        set(Word::PRENOMINAL, PRENOMINAL.contains(w));
        set(Word::PREPOSITION, PREPOSITIONS.contains(w));
        // (An ASCII digit is one byte, and no byte of another character.)
        let digit = w.bytes().any(|b| b.is_ascii_digit());
        set(Word::NOT_ADJECTIVE, digit || NOT_ADJECTIVES.contains(w));
        set(Word::NOT_ATTRIBUTE, digit || ADVERB_AFTER_ETRE.contains(w));
        // What each reading leaves besides an adjective, a participle or a noun: nothing
        // for a plain adjective; a noun alone is never an adjective.
        let others = || {
            readings.iter().map(|a| {
                let adj = a.pos.has(Pos::ADJ) || a.pos.has(Pos::PPAS);
                let other = Pos(a.pos.0 & !(Pos::ADJ.0 | Pos::PPAS.0 | Pos::NOUN.0));
                (a.pos.has(Pos::NOUN) && !adj, other)
            })
        };
        let every = |place: fn(Pos) -> bool| {
            others().all(|(noun, other)| !noun && (other == Pos::default() || place(other)))
        };
        set(Word::AFTER_NOUN, every(|o| o == Pos::PPRE));
        set(
            Word::UNLESS_OBJECT,
            others().any(|(_, other)| other == Pos::PPRE),
        );
        // After « être » the word is an attribute: not a conjugated verb, and an adverb
        // reading is unusual (« était plus fort »).
        set(Word::AFTER_ETRE, every(|o| o.verbal() || o == Pos::ADV));
        // After a comma and before a complement (« , construit en 2022 »).
        set(Word::APPOSITION, every(Pos::verbal));
        Word {
            readings: at,
            noun: noun_of(w, readings),
            det: determiner(w),
            adj: adjective_of(w, readings),
            etre,
            flags,
        }
    }

    /// `of`, the readings given as the slice `analyses` gave.
    #[cfg(test)]
    fn of_slice(w: &str, readings: &[Analysis]) -> Word {
        let all = crate::lexicon::morphology().all_readings();
        Word::of(
            w,
            all,
            ReadingsAt::of(all, readings).expect("the dictionary's readings"),
        )
    }

    fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// The word may be an adjective in some place (`fits`).
    fn may_be_adjective(&self) -> bool {
        [Place::AfterNoun, Place::AfterEtre, Place::Apposition]
            .into_iter()
            .any(|p| self.fits(p))
    }

    /// The word's readings may make it an adjective in `place` (what `Analyzer::adjective`
    /// asks first of the word itself).
    fn fits(&self, place: Place) -> bool {
        let (excluded, readings) = match place {
            Place::AfterNoun => (Word::NOT_ADJECTIVE, Word::AFTER_NOUN),
            Place::AfterEtre => (Word::NOT_ATTRIBUTE, Word::AFTER_ETRE),
            Place::Apposition => (Word::NOT_ADJECTIVE, Word::APPOSITION),
        };
        !self.has(excluded) && self.has(readings)
    }
}

// (A `Word` is 16 bytes, and so is a cell that may hold one: its niche is a gender's.)
const _: () = assert!(std::mem::size_of::<OnceCell<Word>>() == 16);

/// Gender and number of a noun, from all its noun readings: `None` when it is not a noun,
/// or a homograph of a function word (« mais », « dans », « mal », « complètement »), a
/// letter or one of `NOT_HEADS`.
fn noun_of(w: &str, readings: &[Analysis]) -> Option<Gn> {
    let function = Pos(Pos::ADV.0 | Pos::PREP.0 | Pos::DET.0 | Pos::PRON.0 | Pos::OTHER.0);
    // (« point » and « fin » are nouns far more often than « ne … point », « fin prêt ».)
    let rare_function = matches!(w, "point" | "points" | "fin" | "fins");
    if (readings.iter().any(|a| a.pos.has(function)) && !rare_function)
        || w.chars().nth(1).is_none()
        || NOT_HEADS.contains(w)
    {
        return None;
    }
    Gn::shared(readings.iter().filter(|a| a.pos.has(Pos::NOUN)))
}

/// Gender and number of the adjective readings of a word written in letters alone.
fn adjective_of(w: &str, readings: &[Analysis]) -> Option<Gn> {
    // (An ASCII character is alphabetic when it is an ASCII letter.)
    let letters = if w.is_ascii() {
        w.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        w.chars().all(is_alphabetic)
    };
    if !letters {
        return None;
    }
    Gn::shared(readings.iter().filter(|a| a.pos.has(Pos::ADJ)))
}

/// `char::is_alphabetic`, the Latin letters of two bytes answered without the look-up in
/// Unicode's tables (`alphabetic::lookup_slow`: 135 instructions for « é »): every
/// character from U+00C0 to U+024F is a letter but « × » and « ÷ ».
fn is_alphabetic(c: char) -> bool {
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphabetic()
}

struct Analyzer<'a> {
    doc: &'a Document,
    toks: &'a [Token],
    m: &'static Morphology,
    /// The dictionary's readings (`Morphology::all_readings`), among which a `Word`'s are.
    all: &'static [Analysis],
    /// « N1 de N2 » compounds of the glossary (« chaîne d'approvisionnement »), by entry.
    compounds: OnceCell<std::sync::Arc<Compounds>>,
    cx: &'a Context<'a>,
    /// Each token's id among the distinct words (`Vocabulary::ids`).
    ids: &'a [u32],
    /// Per distinct word, by id: its index among the thread's `facts` (`Facts::INDEX`)
    /// and its first questions (`Facts::ENGLISH`, `Facts::ADJECTIVE`), asked of every word.
    per_id: Vec<u32>,
    /// What the analyses ask of each word, shared with the files this thread checked
    /// before (`Facts`); given back to the thread when the analyzer is dropped.
    facts: Facts,
    /// What the analyses ask of each distinct word (`Word`), by id, copied from `facts`
    /// on first need (`Analyzer::fetch`): a text repeats its words (a man page, 28 times
    /// on average), and a copy by id is read with one index where the facts need two. (A
    /// word read as a name, asked less, is read in `facts` through `per_id`: a second
    /// table by id wrote 725 KB of fresh pages on the man pages.) Empty when the facts
    /// began with this file (`Facts::begin`): their entries are then by id, and read in
    /// place (the 725 KB not written).
    words: Vec<OnceCell<Word>>,
}

/// The words the rule judges (`Analyzer::candidates`), found a block of occurrences at a
/// time, each block judged before the next is found (`Agreement::check`): each candidate's
/// token is read to find its sentence and its capitals, and the analyses read it again
/// with the tokens around it. The candidates are far apart (one in 18 tokens of the man
/// pages' 20 MB of tokens): found all at once, each read was a cache miss twice over (the
/// first pass, then `read_ahead`); a block's tokens are still in the caches when it is
/// judged.
struct Candidates {
    /// The occurrences of the words that may be an adjective, in order; `next` the first
    /// of the next block.
    occurrences: Vec<u32>,
    next: usize,
    /// The sentences of the English words, in order; `e` the first not yet counted.
    english: Vec<u32>,
    e: usize,
    /// The last sentence judged and whether it is English or code: a sentence's candidates
    /// may be in two blocks (its English words are counted once).
    last: Option<(u32, bool)>,
    /// Each candidate's sentence, beside `out` (`next_block`).
    sentences: Vec<u32>,
}

impl Candidates {
    /// Occurrences in a block (`Agreement::check`): some 500 lines of tokens, which the
    /// caches hold while the block is judged.
    const BLOCK: usize = 512;
    /// How many occurrences ahead `next_block` asks for the tokens it reads.
    const PREFETCH: usize = 16;

    /// The candidates among the next `block` occurrences, in `out`; false when none are
    /// left. Each occurrence's token is read once, in a loop without branches, and its
    /// sentence kept beside it (a mispredicted branch at the end of each sentence waited
    /// for the next token's miss).
    fn next_block(&mut self, a: &Analyzer, block: usize, out: &mut Vec<u32>) -> bool {
        let end = self.occurrences.len().min(self.next + block);
        if self.next == end {
            return false;
        }
        let start = std::mem::replace(&mut self.next, end);
        let occurrences = &self.occurrences[start..end];
        // The occurrences `PREFETCH` further on (in this block or the next), whose tokens are
        // asked for while this one's are read.
        let ahead = &self.occurrences[(start + Self::PREFETCH).min(self.occurrences.len())..];
        out.clear();
        out.resize(occurrences.len(), 0);
        self.sentences.clear();
        self.sentences.resize(occurrences.len(), 0);
        let sentences = &mut self.sentences;
        let mut kept = 0;
        // The lines of the tokens on either side are read in the same loop (the analyses
        // read tokens `i - 1` to `i + 2`, which lie in the lines of `i - 1`, `i` and
        // `i + 2`): in `read_ahead`, whose loop is longer, few of these misses were in
        // flight at once (a quarter of the rule's own samples).
        let mut seen = 0u32;
        for (k, &i) in occurrences.iter().enumerate() {
            if let Some(&j) = ahead.get(k) {
                let j = j as usize;
                let toks = [j.wrapping_sub(1), j, j + 2].map(|k| a.toks.get(k));
                toks.into_iter().flatten().for_each(prefetch);
                // The word ids `Analyzer::read_ahead` reads first (of tokens j - 1 to j + 1).
                a.ids.get(j).into_iter().for_each(prefetch);
            }
            let i = i as usize;
            let t = &a.toks[i];
            seen ^= a.toks.get(i.wrapping_sub(1)).map_or(0, |t| t.sentence)
                ^ a.toks.get(i + 2).map_or(0, |t| t.sentence);
            out[kept] = i as u32;
            sentences[kept] = t.sentence;
            kept += usize::from(i > 0 && t.is_word() && !(t.capitalized | t.all_caps));
        }
        std::hint::black_box(seen);
        out.truncate(kept);
        sentences.truncate(kept);
        // The candidates of each sentence in turn, dropped when the sentence is English or
        // code (its words are counted only when it holds two English words).
        let mut kept = 0;
        let mut k = 0;
        while k < out.len() {
            let s = sentences[k];
            let n = sentences[k..].iter().take_while(|&&x| x == s).count();
            let skip = match self.last {
                Some((last, skip)) if last == s => skip,
                _ => {
                    let english = &self.english;
                    while english.get(self.e).is_some_and(|&x| x < s) {
                        self.e += 1;
                    }
                    let mut en = 0;
                    while english.get(self.e) == Some(&s) {
                        en += 1;
                        self.e += 1;
                    }
                    let all = if en >= 2 {
                        (super::sentence_tokens(a.toks, out[k] as usize).iter())
                            .filter(|t| t.is_word())
                            .count()
                    } else {
                        0
                    };
                    english_or_code(a.doc, s, en, all)
                }
            };
            self.last = Some((s, skip));
            if !skip {
                out.copy_within(k..k + n, kept);
                kept += n;
            }
            k += n;
        }
        out.truncate(kept);
        true
    }
}

/// Whether a word is in `ENGLISH_WORDS` (`english_or_code`), and whether it may be an
/// adjective in some place (`Word::may_be_adjective`, asked by `Analyzer::may_be_adjective`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct FirstLook {
    english: bool,
    adjective: bool,
}

impl FirstLook {
    #[cfg(test)]
    fn of(t: &Token, m: &'static Morphology) -> FirstLook {
        // (Asked of words only: a number has no readings.)
        let w = &t.norm;
        FirstLook {
            english: t.is_word() && ENGLISH_WORDS.contains(w),
            adjective: t.is_word()
                && m.analyses(w)
                    .iter()
                    .any(|a| a.pos.has(Pos::ADJ) || a.pos.has(Pos::PPAS))
                && [Place::AfterNoun, Place::AfterEtre, Place::Apposition]
                    .into_iter()
                    .any(|p| Word::of_slice(w, m.analyses(w)).fits(p)),
        }
    }
}

/// What the rule asks of a word that depends on its form alone (`FirstLook`, `Word` as a
/// word and as a name), kept by each thread from one file to the next: the files of a
/// run share most of their words, and each file's table of distinct words (`Vocabulary`)
/// is its own. The 435 man pages looked up 191,000 distinct words in all (22,700 as one
/// file), each in the dictionary and the word lists, and worked out 53,000 `Word`s.
///
/// A word is found by its length and first 16 bytes in a `WordIds` (the vocabulary's);
/// the bytes of a longer word are compared in `spelled`. One per thread
/// (`Facts::take`), given back when its file is done: no lock, and a file checked on the
/// same thread while another waits (rayon's work stealing) finds none and makes its own.
///
/// The words of the first file a `Facts` serves are entered in the table only when a
/// second file comes (`Facts::begin`): their indices are that file's vocabulary ids, and
/// a run over one file never needs the table. (On the man pages as one file the table of
/// their 22,600 words was a block of 2 MB, zeroed by the kernel and probed at random.)
#[derive(Default)]
struct Facts {
    /// Each word's index among the entries: of the first `indexed` entries.
    table: WordIds,
    indexed: usize,
    entries: Vec<Fact>,
    /// The words of more than 16 bytes, end to end (`Fact::at`); while the entries are not
    /// in the table (`indexed` is 0), every word, in their order.
    spelled: String,
    /// Once the table holds more words than this when a file starts, it starts afresh:
    /// a run over a large repository may meet millions of words.
    limit: usize,
}

/// 44 bytes (88 when its readings and its two `Word`s held slices): the PO text's 16,000
/// distinct words in 0.7 MB of fresh memory where they took 1.4 MB, read at random.
struct Fact {
    /// The word is in `ENGLISH_WORDS`; it may be an adjective in some place (`FirstLook`:
    /// both of a word, a form with a letter, as every one of `ENGLISH_WORDS` is).
    english: bool,
    adjective: bool,
    /// Where a word of more than 16 bytes, or one not in the table, is in `Facts::spelled`
    /// (a word not in the table ends where the next one starts).
    at: u32,
    /// The word's dictionary readings (`Facts::settle`), kept for its `word`, worked out
    /// when the analyses first ask (`Analyzer::fetch`): looked up again then, each was a
    /// cache miss in the dictionary's table (3,500 on the man pages).
    readings: ReadingsAt,
    word: OnceCell<Word>,
    name: OnceCell<Word>,
}

impl Facts {
    /// Bits of `Analyzer::per_id`.
    const ENGLISH: u32 = 1 << 31;
    const ADJECTIVE: u32 = 1 << 30;
    const INDEX: u32 = Facts::ADJECTIVE - 1;
    /// Words kept between files: entries of 44 bytes and slots of 32, some 5 MB per thread
    /// at most (beside the words of a larger file, which its own tables held before).
    const LIMIT: usize = 1 << 16;

    /// The thread's facts (new ones if another analyzer of this thread holds them), or
    /// fresh ones when they hold more words than their limit.
    fn take() -> Facts {
        match KEPT_FACTS.take() {
            Some(f) if f.entries.len() <= f.limit => f,
            Some(f) => Facts::with_limit(f.limit),
            None => Facts::with_limit(Facts::LIMIT),
        }
    }

    fn with_limit(limit: usize) -> Facts {
        Facts {
            table: WordIds::default(),
            indexed: 0,
            entries: Vec::new(),
            spelled: String::new(),
            limit,
        }
    }

    /// Ready for a file of `more` distinct words: with no words yet, they will be added
    /// without the table (`Facts::index`); else the words not in the table are entered,
    /// with room for `more` new ones (made once per file, where growing the table as
    /// words came cost 2.4 M instructions more on the man pages as one file: copies of
    /// the entries, rehashing).
    fn begin(&mut self, more: usize) {
        self.entries.reserve(more);
        if self.entries.is_empty() {
            return;
        }
        self.table.reserve(self.entries.len() - self.indexed + more);
        // (Only the words of a first file are left out of the table, all of them: if any,
        // `spelled` holds them alone.)
        let (entries, spelled) = (&self.entries, self.spelled.as_bytes());
        let word = |e: usize| {
            let end = entries.get(e + 1).map_or(spelled.len(), |f| f.at as usize);
            &spelled[entries[e].at as usize..end]
        };
        for e in self.indexed..entries.len() {
            let b = word(e);
            let id = self.table.id_of(b, e as u32, |o| word(o as usize) == b);
            debug_assert_eq!(id, e as u32, "a word entered twice");
        }
        self.indexed = entries.len();
    }

    /// The index of `w` among the entries, and whether it is new: then added, its first
    /// questions answered but `adjective` (`Facts::settle`). Each word of a file is asked
    /// once; the words of a `Facts`'s first file (`self.indexed` is 0) are all new and are
    /// not entered in the table.
    fn index(&mut self, w: &str) -> (u32, bool) {
        let b = w.as_bytes();
        let next = self.entries.len() as u32;
        if self.indexed > 0 {
            let (entries, spelled) = (&self.entries, &self.spelled);
            let id = self.table.id_of(b, next, |e| {
                let at = entries[e as usize].at as usize;
                spelled.as_bytes()[at..at + b.len()] == *b
            });
            if id != next {
                return (id, false);
            }
            self.indexed += 1;
        }
        let at = if self.indexed == 0 || b.len() > 16 {
            self.spelled.push_str(w);
            (self.spelled.len() - b.len()) as u32
        } else {
            0
        };
        self.entries.push(Fact {
            english: ENGLISH_WORDS.contains(w),
            adjective: false,
            at,
            readings: ReadingsAt::NONE,
            word: OnceCell::new(),
            name: OnceCell::new(),
        });
        (next, true)
    }

    /// Entry `e`, new, of word `w` whose dictionary readings are `readings`: whether it may
    /// be an adjective. A word with an adjective or participle reading has its facts worked
    /// out now, with its readings at hand: the rule asks them of nearly every such word
    /// (each of its tokens is a candidate), and a word that is an adjective in no place
    /// (half of the man pages' 70,000 candidates) is then no candidate.
    /// (`all` the dictionary's readings, of which `readings` is a slice.)
    fn settle(&mut self, e: u32, w: &str, all: &[Analysis], readings: &[Analysis]) {
        let fact = &mut self.entries[e as usize];
        let at = ReadingsAt::of(all, readings).expect("the dictionary's readings");
        fact.readings = at;
        fact.adjective = readings
            .iter()
            .any(|a| a.pos.has(Pos::ADJ) || a.pos.has(Pos::PPAS))
            && fact
                .word
                .get_or_init(|| Word::of(w, all, at))
                .may_be_adjective()
            && has_letter(w);
    }

    /// `Analyzer::per_id` of each distinct word of `doc`, by id. The words' forms are read
    /// from the document's shared copy (`rules::per_form`): read in the words' first
    /// tokens, scattered over the text's 20 MB of tokens, each was a cache miss (a tenth
    /// of the rule's own samples on the man pages). The readings of the new words are
    /// looked up 32 at a time (`Morphology::analyses_of`): each look-up is a cache miss
    /// in the dictionary's table, and one word after the other waited for each in turn
    /// (about 6 ms of a run on the man pages, for 23,000 words; 32 at a time rather than
    /// sixteen, `NewWords::settle` 1.69 -> 1.51 ms).
    fn per_ids(&mut self, doc: &Document, m: &'static Morphology) -> Vec<u32> {
        const GROUP: usize = 32;
        // The new words of a group, end to end: each form is lent for one call.
        let mut new = NewWords {
            spelled: String::new(),
            ends: Vec::with_capacity(GROUP),
            entries: Vec::with_capacity(GROUP),
            readings: Vec::with_capacity(GROUP),
        };
        let mut out = super::per_form(doc, |w| {
            let (e, is_new) = self.index(w);
            assert!(e <= Facts::INDEX, "too many distinct words");
            if is_new {
                new.spelled.push_str(w);
                new.ends.push(new.spelled.len());
                new.entries.push(e);
                if new.entries.len() == GROUP {
                    new.settle(self, m);
                }
            }
            e
        });
        new.settle(self, m);
        for p in &mut out {
            let f = &self.entries[*p as usize];
            *p |= if f.english { Facts::ENGLISH } else { 0 }
                | if f.adjective { Facts::ADJECTIVE } else { 0 };
        }
        out
    }
}

/// A group of new words of `Facts::per_ids`, settled together.
struct NewWords {
    /// The words end to end, each ending at its `ends`; `entries` their indices.
    spelled: String,
    ends: Vec<usize>,
    entries: Vec<u32>,
    readings: Vec<&'static [Analysis]>,
}

impl NewWords {
    /// Looks up the words' readings together and settles their facts (`Facts::settle`);
    /// then empty.
    fn settle(&mut self, facts: &mut Facts, m: &'static Morphology) {
        let mut start = 0;
        let words: Vec<&str> = (self.ends.iter())
            .map(|&end| &self.spelled[std::mem::replace(&mut start, end)..end])
            .collect();
        self.readings.clear();
        m.analyses_of(&words, &mut self.readings);
        let all = m.all_readings();
        for ((&e, w), &r) in self.entries.iter().zip(&words).zip(&self.readings) {
            facts.settle(e, w, all, r);
        }
        self.spelled.clear();
        self.ends.clear();
        self.entries.clear();
    }
}

/// The form holds a letter: `Token::is_word` of its tokens (a token's form keeps its
/// letters, lowered). Asked of the words that may be an adjective only (a number may have
/// readings too).
fn has_letter(w: &str) -> bool {
    if w.is_ascii() {
        w.bytes().any(|b| b.is_ascii_alphabetic())
    } else {
        w.chars().any(char::is_alphabetic)
    }
}

thread_local! {
    /// The `Facts` of this thread, between two files.
    static KEPT_FACTS: std::cell::Cell<Option<Facts>> = const { std::cell::Cell::new(None) };
}

impl Drop for Analyzer<'_> {
    /// The facts are kept for the thread's next document, or freed when none follows
    /// (`CompiledGlossary::keeps_word_memos`): the rules after this one then take their
    /// room in the heap (0.7 MB on the PO text), not fresh pages above it.
    fn drop(&mut self) {
        let facts = std::mem::take(&mut self.facts);
        if self.cx.glossary.keeps_word_memos() {
            KEPT_FACTS.set(Some(facts));
        }
    }
}

impl<'a> Analyzer<'a> {
    fn new(cx: &'a Context<'a>, vocabulary: &'a Vocabulary) -> Analyzer<'a> {
        let m = crate::lexicon::morphology();
        let toks = &cx.doc.tokens;
        let mut facts = Facts::take();
        let by_id = facts.entries.is_empty();
        facts.begin(vocabulary.len());
        let per_id = facts.per_ids(cx.doc, m);
        let words = if by_id {
            Vec::new()
        } else {
            (0..vocabulary.len()).map(|_| OnceCell::new()).collect()
        };
        Analyzer {
            doc: cx.doc,
            toks,
            m,
            all: m.all_readings(),
            compounds: OnceCell::new(),
            cx,
            ids: &vocabulary.ids,
            per_id,
            facts,
            words,
        }
    }

    /// Candidates whose first reads are made together (`read_ahead`).
    const AHEAD: usize = 16;

    /// Reads what the analyses of each candidate of `group` read first: the text after it
    /// and after the token before it, and the facts of its word and of those on either
    /// side (the tokens around it were read by `Candidates::next_block`). The candidates
    /// are far apart in the text (one in 18 tokens), and each of these reads was a cache
    /// miss, waited for in turn while the analyses ran; read here in one loop, whose loads
    /// do not depend on each other, they are in flight together. (Nothing read here
    /// decides anything.)
    fn read_ahead(&self, group: &[u32]) {
        let view = self.doc.view.as_bytes();
        let mut seen = 0u32;
        for &i in group {
            let i = i as usize;
            // (A candidate is never the first token: `candidates`.)
            // (The tokens' lines were read by `Candidates::next_block`.)
            let (before, t) = (&self.toks[i - 1], &self.toks[i]);
            // The facts of the word and of those on either side (asked whether they are a
            // noun, a determiner, an intensifier...).
            let cell = |k: usize| {
                let Some(&id) = self.ids.get(k) else {
                    return 0;
                };
                let cell = match self.words.get(id as usize) {
                    Some(cell) => Some(cell),
                    None => self.facts.entries.get(id as usize).map(|f| &f.word),
                };
                cell.map_or(0, |c| u32::from(c.get().is_some()))
            };
            seen ^= u32::from(view.get(before.end()).copied().unwrap_or(0))
                ^ u32::from(view.get(t.end()).copied().unwrap_or(0))
                ^ cell(i - 1)
                ^ cell(i)
                ^ cell(i + 1);
        }
        std::hint::black_box(seen);
    }

    fn norm(&self, i: usize) -> &str {
        &self.toks[i].norm
    }

    /// Tokens `i` and `i + 1` are neighbours in one phrase: same sentence, nothing but
    /// white space between them.
    fn joined(&self, i: usize) -> bool {
        let (a, b) = (&self.toks[i], &self.toks[i + 1]);
        if a.sentence != b.sentence {
            return false;
        }
        // Nearly always one space (which no escaped quote fits in): known without decoding.
        if let [b' '] | [] = &self.doc.view.as_bytes()[a.end()..b.start()] {
            return true;
        }
        // An escaped quote of a PO string (`\"`) is masked in the view, not a space.
        self.doc.gap_is_space(a.end(), b.start())
            && !self.doc.text[a.end()..b.start()].contains("\\\"")
    }

    fn gap(&self, i: usize) -> &str {
        &self.doc.view[self.toks[i].end()..self.toks[i + 1].start()]
    }

    /// The bytes of `gap(i)`, for the searches of ASCII signs (no byte of another
    /// character is one): slicing the `str` checked both ends for a character boundary,
    /// 38 instructions a gap, asked of most candidates.
    fn gap_bytes(&self, i: usize) -> &[u8] {
        &self.doc.view.as_bytes()[self.toks[i].end()..self.toks[i + 1].start()]
    }

    fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.toks[i].sentence == self.toks[j].sentence
    }

    fn sentence_start(&self, i: usize) -> bool {
        i == 0 || !self.same_sentence(i - 1, i)
    }

    /// A name: a capital inside a sentence, or an acronym.
    fn is_name(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // (Most words have no capital: one test of both flags turns them away.)
        (t.all_caps | t.capitalized) && t.is_word() && (t.all_caps || !self.sentence_start(i))
    }

    /// What the analyses ask of token `i` that depends on its form (and on whether it is
    /// a name).
    fn word(&self, i: usize) -> &Word {
        self.word_as(i, self.is_name(i))
    }

    /// `word`, `name` being `is_name(i)`: for the callers that ask both (each call of
    /// `is_name` reads two tokens).
    #[inline]
    fn word_as(&self, i: usize, name: bool) -> &Word {
        let id = self.ids[i] as usize;
        if name {
            let index = self.per_id[id] & Facts::INDEX;
            let w = &self.toks[i].norm;
            return self.facts.entries[index as usize]
                .name
                .get_or_init(|| Word::of(w, self.all, ReadingsAt::NONE));
        }
        // (The facts' own entries when they are by id: `Analyzer::words`.)
        let cell = match self.words.get(id) {
            Some(cell) => cell,
            None => &self.facts.entries[id].word,
        };
        match cell.get() {
            Some(word) => word,
            None => self.fetch(i, cell),
        }
    }

    /// `word` the first time token `i`'s form is asked in this file: from the thread's
    /// facts, worked out there when no file before asked (`cell` is then the fact's own
    /// when the facts are by id).
    #[cold]
    #[inline(never)]
    fn fetch<'c>(&self, i: usize, cell: &'c OnceCell<Word>) -> &'c Word {
        let w = &self.toks[i].norm;
        let index = self.per_id[self.ids[i] as usize] & Facts::INDEX;
        let fact = &self.facts.entries[index as usize];
        let word = fact
            .word
            .get_or_init(|| Word::of(w, self.all, fact.readings));
        cell.get_or_init(|| *word)
    }

    /// The readings of token `i` (none for a name).
    fn readings(&self, i: usize) -> &'static [Analysis] {
        self.word(i).readings.get(self.all)
    }

    /// Gender and number of a noun, from all its noun readings (`noun_of`).
    fn noun(&self, i: usize) -> Option<Gn> {
        // « quelque chose » is masculine for agreement.
        if self.norm(i) == "chose" && i > 0 && self.norm(i - 1) == "quelque" {
            return None;
        }
        self.word(i).noun
    }

    /// What stands before a noun without determiner is not what starts a noun phrase: an
    /// unknown word or a letter (« de *n octets alloué »), an object pronoun (« ne le voie
    /// absent »), an adjective or an adverb (« sinus hyperbolique complexe », « non
    /// standard », « bas niveau »).
    fn odd_before_bare(&self, top: &Np) -> bool {
        if top.det.is_some() || top.start == 0 || !self.same_sentence(top.start - 1, top.start) {
            return false;
        }
        let prev = top.start - 1;
        let w = self.norm(prev);
        let r = self.readings(prev);
        self.toks[prev].norm.chars().nth(1).is_none()
            || (self.toks[prev].is_word() && r.is_empty() && !self.is_name(prev))
            || matches!(
                w,
                "le" | "la"
                    | "les"
                    | "l'"
                    | "se"
                    | "s'"
                    | "me"
                    | "m'"
                    | "te"
                    | "t'"
                    | "lui"
                    | "leur"
                    | "en"
                    | "y"
                    | "non"
                    | "plus"
                    | "moins"
                    | "très"
                    | "si"
                    | "aussi"
            )
            // A bare noun after a name or an acronym is part of a compound (« ID groupe
            // supplémentaires », « temps UCT limite »).
            || (self.is_name(prev) && self.joined(prev))
            || (!r.is_empty()
                && r.iter().all(|a| {
                    a.pos.has(Pos::ADJ)
                        || a.pos.has(Pos::PPAS)
                        || a.pos == Pos::ADV
                        || a.pos.verbal()
                })
                && r.iter().any(|a| a.pos.has(Pos::ADJ) || a.pos == Pos::ADV))
    }

    /// A noun that is also an infinitive, without determiner (« peuvent devenir »).
    fn bare_infinitive(&self, h: usize) -> bool {
        self.word(h).has(Word::INFI)
            && !(h > 0
                && self.joined(h - 1)
                && self.det(h - 1).is_some()
                // « l'avoir écrite »: « l' » may be a pronoun before an infinitive.
                && !matches!(self.norm(h - 1), "le" | "la" | "les" | "l'"))
    }

    /// A word that is nothing but a noun (« génération », not « pour »).
    fn noun_only(&self, i: usize) -> bool {
        self.word(i).has(Word::NOUN_ONLY)
    }

    /// A noun or a name that can head a noun phrase.
    fn head(&self, i: usize) -> Option<Gn> {
        let name = self.is_name(i);
        self.head_as(i, name, self.word_as(i, name))
    }

    /// `head`, `name` being `is_name(i)` and `word` `word(i)`.
    #[inline]
    fn head_as(&self, i: usize, name: bool, word: &Word) -> Option<Gn> {
        if word.has(Word::VERB) {
            return None;
        }
        if name {
            let n = if self.toks[i].all_caps {
                Number::Either
            } else {
                Number::Singular
            };
            return Some(Gn {
                g: Gender::Either,
                n,
            });
        }
        // (`noun`, with the word at hand.)
        if self.norm(i) == "chose" && i > 0 && self.norm(i - 1) == "quelque" {
            return None;
        }
        word.noun
    }

    fn has_adj(&self, i: usize) -> bool {
        self.word(i).has(Word::ADJ)
    }

    fn adverb(&self, i: usize) -> bool {
        self.word(i).has(Word::ADVERB)
    }

    /// The first questions about word `i` (`FirstLook`).
    fn first_look(&self, i: usize) -> FirstLook {
        let look = self.per_id[self.ids[i] as usize];
        FirstLook {
            english: look & Facts::ENGLISH != 0,
            adjective: look & Facts::ADJECTIVE != 0,
        }
    }

    /// The words the rule judges, in order: those after the document's first token that
    /// may be an adjective (`may_be_adjective`), but for the sentences that are English or
    /// code (`english_or_code`). Found among the occurrences of the words that may be one
    /// (`rules::occurrences`, made for other rules too), and the English words among those
    /// of the English words: reading every token for its sentence and flags cost 11 M
    /// instructions on the man pages (18 a token), for one in eight that may be an
    /// adjective. Given a block at a time (`Candidates::next_block`).
    fn candidates(&self) -> Candidates {
        let occurrences = super::occurrences(self.doc);
        let with = |bit: u32| -> Vec<bool> { self.per_id.iter().map(|&l| l & bit != 0).collect() };
        // The sentences of the English words (the words only), in order.
        let mut english = occurrences.of_words(&with(Facts::ENGLISH));
        let mut kept = 0;
        for k in 0..english.len() {
            let t = &self.toks[english[k] as usize];
            english[kept] = t.sentence;
            kept += usize::from(t.is_word());
        }
        english.truncate(kept);
        Candidates {
            occurrences: occurrences.of_words(&with(Facts::ADJECTIVE)),
            next: 0,
            english,
            e: 0,
            last: None,
            sentences: Vec::new(),
        }
    }

    /// Every candidate (`candidates`), taken `block` occurrences at a time.
    #[cfg(test)]
    fn all_candidates(&self, block: usize) -> Vec<u32> {
        let (mut c, mut out, mut all) = (self.candidates(), Vec::new(), Vec::new());
        while c.next_block(self, block, &mut out) {
            all.extend_from_slice(&out);
        }
        all
    }

    /// The sentence whose first token is `first` (the tokens of a sentence are side by
    /// side: they are numbered in order): the end of its tokens. `candidates` are then the
    /// words the rule judges in it: those after the document's first token that may be an
    /// adjective (`may_be_adjective`), none when the sentence is English or code
    /// (`english_or_code`). Its words are counted in the same pass. (What `candidates`
    /// finds, sentence by sentence, and the rule did.)
    #[cfg(test)]
    fn sentence(&self, first: usize, candidates: &mut Vec<usize>) -> usize {
        candidates.clear();
        let s = self.toks[first].sentence;
        let (mut en, mut all) = (0, 0);
        let mut end = first;
        let tokens = self.toks[first..].iter().zip(&self.ids[first..]);
        for (t, &id) in tokens.take_while(|(t, _)| t.sentence == s) {
            if t.is_word() {
                let look = self.per_id[id as usize];
                all += 1;
                en += (look & Facts::ENGLISH != 0) as usize;
                if end > 0 && look & Facts::ADJECTIVE != 0 && !t.capitalized && !t.all_caps {
                    candidates.push(end);
                }
            }
            end += 1;
        }
        if !candidates.is_empty() && english_or_code(self.doc, s, en, all) {
            candidates.clear();
        }
        end
    }

    /// A lower-case word that may be an adjective in some place (`Word::may_be_adjective`):
    /// what `adjective` asks first.
    fn may_be_adjective(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // (A word without a capital is a name, with no readings, only when it is all in
        // capitals (« 3GPP »): `is_name`. Its other readings are those of its form.)
        t.is_word() && !t.capitalized && !t.all_caps && self.first_look(i).adjective
    }

    fn adjective(&self, i: usize, place: Place) -> bool {
        if !self.may_be_adjective(i) {
            return false;
        }
        // (A word without a capital is no name.)
        let word = self.word_as(i, false);
        if !word.fits(place) {
            return false;
        }
        // Part of a hyphenated word (« semi-conducteur »): a hyphen or a non-breaking
        // hyphen (U+2011) right after or before it, found among the bytes.
        let t = &self.toks[i];
        let view = self.doc.view.as_bytes();
        let hyphen = "‑".as_bytes();
        if view[t.end()..].starts_with(b"-")
            || view[t.end()..].starts_with(hyphen)
            || view[..t.start()].ends_with(b"-")
            || view[..t.start()].ends_with(hyphen)
        {
            return false;
        }
        // A present participle with an object (« des entreprises dominant le marché »).
        let object_follows = || {
            i + 1 < self.toks.len()
                && self.joined(i)
                && (self.det(i + 1).is_some()
                    || self.noun_only(i + 1)
                    || self.is_name(i + 1)
                    || !self.toks[i + 1].is_word())
        };
        !(place == Place::AfterNoun && word.has(Word::UNLESS_OBJECT) && object_follows())
    }

    /// A determiner at `i`, unless it is an object pronoun (« il la conçoit »).
    fn det(&self, i: usize) -> Option<Gn> {
        let gn = self.word(i).det?;
        if matches!(self.norm(i), "le" | "la" | "les" | "l'")
            && i > 0
            && self.same_sentence(i - 1, i)
            && BEFORE_OBJECT_PRONOUN.contains(self.norm(i - 1))
        {
            return None;
        }
        Some(gn)
    }

    /// The noun phrase whose head noun is `h`: determiner, adjectives before the noun.
    fn np(&self, h: usize) -> Np {
        let mut gn = self.head(h);
        let mut j = h;
        let mut k = 0;
        // (The words before are asked before the gaps between them: most are neither
        // adjectives before a noun nor determiners.)
        while k < 2
            && j > 0
            && (self.word(j - 1).has(Word::PRENOMINAL) || self.toks[j - 1].is_number())
            && self.joined(j - 1)
        {
            let adj = if self.toks[j - 1].is_number() {
                Gn::UNKNOWN
            } else {
                self.word(j - 1).adj.unwrap_or(Gn {
                    g: Gender::Either,
                    n: Number::Plural,
                })
            };
            gn = gn.and_then(|g| g.unify(adj));
            j -= 1;
            k += 1;
        }
        let mut det = None;
        if j > 0
            && let Some(d) = self.det(j - 1)
            && self.joined(j - 1)
        {
            gn = gn.and_then(|g| g.unify(d));
            det = Some(j - 1);
            j -= 1;
        }
        Np {
            start: j,
            head: h,
            det,
            gn,
            linked_by_de: false,
            juxtaposed: false,
        }
    }

    /// The head noun of the phrase that ends at `k` (skipping up to two adjectives or
    /// adverbs after the noun).
    fn head_before(&self, k: usize) -> Option<usize> {
        self.head_before_skipping(k, true)
    }

    /// `head_before`; with `participles` false, a participle after the noun stops the
    /// search (it may have its own complement: « les fonctions marquées locale »).
    fn head_before_skipping(&self, k: usize, participles: bool) -> Option<usize> {
        let mut j = k;
        for _ in 0..3 {
            // (Word `j` is asked once: its name-ness and facts, for every question below.)
            let name = self.is_name(j);
            let word = self.word_as(j, name);
            let noun_here = self.head_as(j, name, word).is_some();
            // An adjective right after a noun, or after a noun and an intensifier (« une
            // pratique assez courante »).
            let after_noun = |x: usize| x > 0 && self.joined(x - 1) && self.head(x - 1).is_some();
            let adj = word.has(Word::ADJ);
            let adj_after_noun = adj
                && j > 0
                && (after_noun(j)
                    || (self.joined(j - 1)
                        && self.word(j - 1).has(Word::INTENSIFIER)
                        && after_noun(j - 1)))
                && !name;
            if noun_here && !adj_after_noun {
                return Some(j);
            }
            let participle = word.has(Word::PPAS);
            if (adj && (participles || !participle) || word.has(Word::ADVERB))
                && j > 0
                && self.joined(j - 1)
                && !name
            {
                j -= 1;
                continue;
            }
            return None;
        }
        None
    }

    /// The chain « N1 de N2 de N3 » (or « N1 N2 », « appels système ») that ends with the
    /// head noun `h`, nearest first. `None` when it hangs from something that is not a
    /// noun (« près de », « à partir de », an unknown word): its head is then unknown.
    fn chain(&self, h: usize) -> Option<Chain> {
        let mut out: Chain = smallvec![self.np(h)];
        while out.len() < 5 {
            let last = *out.last().unwrap();
            let s = last.start;
            // A hyphen or a slash before the phrase: part of a compound (« deux-points »,
            // « entrée/sortie », « --gc-sections »).
            if s > 0
                && self.same_sentence(s - 1, s)
                && self
                    .gap(s - 1)
                    .contains(['-', '‑', '/', '\\', '_', '.', '='])
            {
                return None;
            }
            // « la variable nom », « une variable tableau »: a determiner, a word taken for
            // an adjective, then a bare noun — the noun names the first word.
            if last.det.is_none()
                && s >= 2
                && self.has_adj(s - 1)
                && self.det(s - 2).is_some()
                && self.joined(s - 1)
                && self.joined(s - 2)
            {
                return None;
            }
            let contracted = last
                .det
                .is_some_and(|d| matches!(self.norm(d), "du" | "des"));
            let mut juxtaposed = false;
            let before = if contracted && s > 0 && self.joined(s - 1) {
                match self.head_before(s - 1) {
                    Some(h2) => Some(h2),
                    // After a word that could be a noun (« fin » is also an adverb): the
                    // structure is unknown.
                    None if self.word(s - 1).has(Word::NOUN) => {
                        return None;
                    }
                    None => None,
                }
            } else if !contracted
                && s > 1
                && matches!(self.norm(s - 1), "de" | "d'")
                && self.joined(s - 1)
            {
                if !self.joined(s - 2) {
                    return None;
                }
                match self.head_before(s - 2) {
                    Some(h2) => Some(h2),
                    // « beaucoup de puces », « pas de puces »: the noun is the head.
                    None if QUANTITIES.contains(self.norm(s - 2)) => None,
                    None => return None,
                }
            } else if last.det.is_none()
                && s > 0
                && self.joined(s - 1)
                && self.noun(s - 1).is_some()
                && !self.has_adj(s)
            {
                // Two nouns side by side: the first is the head (« appels système »).
                juxtaposed = true;
                Some(s - 1)
            } else {
                None
            };
            let Some(h2) = before else { break };
            let l = out.last_mut().unwrap();
            l.linked_by_de = !juxtaposed;
            l.juxtaposed = juxtaposed;
            out.push(self.np(h2));
        }
        Some(out)
    }

    /// What stands before the top of a chain: `true` when it is a clause boundary (the
    /// chain can be a subject).
    fn clause_boundary_before(&self, s: usize) -> bool {
        if self.sentence_start(s) {
            return true;
        }
        let gap = self.gap(s - 1);
        if gap.contains([',', ';', ':', '(', '–', '—']) {
            return true;
        }
        let w = self.norm(s - 1);
        if w == "et" {
            return s >= 2 && self.gap(s - 2).contains(',');
        }
        // « un processus autre que l'appelant », « plus petit que cette largeur »: a
        // comparison.
        let cmp = |x: usize, words: &[&str]| {
            x < s && self.same_sentence(x, s) && words.contains(&self.norm(x))
        };
        let comparatives = [
            "autre",
            "autres",
            "plus",
            "moins",
            "aussi",
            "autant",
            "tel",
            "telle",
            "même",
            "mieux",
            "davantage",
        ];
        if matches!(w, "que" | "qu'")
            && (s >= 2 && cmp(s - 2, &comparatives)
                || s >= 3 && cmp(s - 3, &["plus", "moins", "aussi", "autant"]))
        {
            return false;
        }
        CLAUSE_OPENERS.contains(w)
    }

    /// Pattern 1: an adjective right after its noun (« des puces performant »).
    fn after_noun(&self, a: usize) -> Option<Finding> {
        if !self.joined(a - 1)
            || !self.adjective(a, Place::AfterNoun)
            || NOUN_ADJUNCTS.contains(self.norm(a))
        {
            return None;
        }
        // A present participle (« les lignes commençant par », « des octets contenant, dans
        // l'ordre, ») unless an intensifier shows the adjective (« très performant »).
        // (An adjective has no capital: no name, `adjective`.)
        if self.word_as(a, false).has(Word::PPRE) && !self.word(a - 1).has(Word::INTENSIFIER) {
            // … or it ends the sentence or the clause (« des puces performant. »).
            let ends = a + 1 >= self.toks.len()
                || !self.same_sentence(a, a + 1)
                || self.gap_bytes(a).iter().any(|c| b".;!?".contains(c))
                || (self.joined(a)
                    && matches!(self.norm(a + 1), "et" | "ou")
                    && a + 2 < self.toks.len()
                    && self.has_adj(a + 2));
            if !ends {
                return None;
            }
        }
        // « les positions horizontale et verticale », « les répertoires inférieur,
        // supérieur et de travail »: one adjective for each.
        if a + 2 < self.toks.len() && self.same_sentence(a, a + 2) {
            let g = self.gap_bytes(a);
            if matches!(self.norm(a + 1), "et" | "ou") && self.joined(a) || only_comma_bytes(g) {
                return None;
            }
        }
        // Followed by a noun: an apposition or a locution (« grand public », « nouvelle
        // génération »).
        if a + 1 < self.toks.len() && self.same_sentence(a, a + 1) {
            let next = self.norm(a + 1);
            // Followed by a noun or a determiner, the adjective belongs to what follows
            // (« présente différentes normes », « seul un ensemble »); followed by a slash,
            // to a pair (« petit/gros boutistes »).
            if self.joined(a)
                && (self.noun_only(a + 1)
                    || self.noun(a + 1).is_some()
                    // An unknown word: the adjective may be its first half (« une sortie
                    // petit boutiste »).
                    || (self.toks[a + 1].is_word()
                        && !self.is_name(a + 1)
                        && self.readings(a + 1).is_empty())
                    || self.det(a + 1).is_some()
                    || self.is_name(a + 1))
                || self.gap_bytes(a).contains(&b'/')
            {
                return None;
            }
            if INVARIABLE_STARTS.contains(self.norm(a)) && matches!(next, "de" | "d'") {
                return None;
            }
            // « des puces capable de » is checked; « des fonctions prêt à l'emploi » is a locution.
            if self.joined(a) && self.norm(a) == "prêt" && next == "à" {
                return None;
            }
        }
        // Intensifiers between the noun and the adjective.
        let mut j = a - 1;
        let mut k = 0;
        while k < 2 && j > 0 && self.word(j).has(Word::INTENSIFIER) && self.joined(j - 1) {
            j -= 1;
            k += 1;
        }
        let h = self.head_before_skipping(j, false)?;
        if self.is_name(h) || NAMING_NOUNS.contains(self.norm(h)) || self.bare_infinitive(h) {
            return None;
        }
        let chain = self.chain(h)?;
        // Adjectives skipped between the noun and this one must agree with the noun, or
        // the phrase is not what it seems (« compatibilité flottant matériel »).
        if let Some(gn) = chain[0].gn {
            for x in h + 1..=j {
                if self.has_adj(x)
                    && !self
                        .readings(x)
                        .iter()
                        .any(|r| (r.pos.has(Pos::ADJ) || r.pos.has(Pos::PPAS)) && gn.accepts(r))
                {
                    return None;
                }
            }
        }
        let top = chain.last().unwrap();
        if top.start > 0 && self.same_sentence(top.start - 1, top.start) {
            let w = self.norm(top.start - 1);
            let preposition = self.word(top.start - 1).has(Word::PREPOSITION);
            // Coordinated nouns share the adjective (« la puce et le serveur performants »,
            // « au type et à la description donnés »).
            let coordinated_pp = preposition
                && top.start >= 2
                && self.same_sentence(top.start - 2, top.start)
                && matches!(self.norm(top.start - 2), "et" | "ou" | "ni");
            if matches!(w, "et" | "ou" | "ni")
                || coordinated_pp
                || (self.gap(top.start - 1).contains(',')
                    && self.toks[a].norm.ends_with(['s', 'x']))
            {
                return None;
            }
            // A bare noun after a preposition is a complement; the adjective may go higher.
            if top.det.is_none() && preposition {
                return None;
            }
            // So is a noun phrase after a preposition that follows a noun (« retour à la
            // ligne final »), unless that noun ends an adverbial locution (« en particulier
            // dans la chaîne … »).
            if preposition && top.start >= 2 && self.same_sentence(top.start - 2, top.start) {
                let before = top.start - 2;
                let locution = before > 0
                    && self.same_sentence(before - 1, before)
                    && matches!(
                        self.norm(before - 1),
                        "en" | "par" | "au" | "à" | "dans" | "pour"
                    );
                let noun = self.noun(before).is_some()
                    && !self.readings(before).iter().any(|r| r.pos.verbal());
                if (noun || self.readings(before).is_empty() && self.toks[before].is_word())
                    && !locution
                {
                    return None;
                }
            }
            if self.odd_before_bare(top) {
                return None;
            }
            // Only white space, or a clause boundary, before the phrase.
            let g = self.gap(top.start - 1);
            if !g.chars().all(char::is_whitespace) && !g.contains([',', ';', ':']) {
                return None;
            }
        }
        // « au maximum autorisée »: a locution or a complement.
        if top
            .det
            .is_some_and(|d| matches!(self.norm(d), "au" | "aux"))
        {
            return None;
        }
        let mut nouns: SmallVec<[&Np; 5]> = chain.iter().collect();
        // In a compound of the glossary (« chaîne d'approvisionnement »), the adjective
        // after the compound qualifies its head.
        if nouns.len() >= 2
            && nouns[0].det.is_none()
            && nouns[0].linked_by_de
            && !nouns[0].juxtaposed
            && self.is_compound(nouns[1].head, nouns[0].head)
        {
            nouns.remove(0);
        }
        self.judge(a, &nouns, Kind::AfterNoun, false)
    }

    /// Decides: a finding when every noun is certain and none agrees with the word.
    fn judge(&self, a: usize, nouns: &[&Np], kind: Kind, after_etre: bool) -> Option<Finding> {
        let readings: SmallVec<[&Analysis; 8]> = self
            .readings(a)
            .iter()
            .filter(|r| {
                r.pos.has(Pos::ADJ) || r.pos.has(Pos::PPAS) || (after_etre && r.pos.has(Pos::ADV))
            })
            .collect();
        if readings.is_empty() || nouns.is_empty() {
            return None;
        }
        // An adverb reading agrees with everything.
        if readings.iter().any(|r| r.pos == Pos::ADV) && !after_etre {
            return None;
        }
        let mut out = Vec::new();
        for np in nouns {
            let gn = np.gn?;
            if !gn.certain() {
                return None;
            }
            if readings
                .iter()
                .any(|r| !(r.pos == Pos::ADV) && gn.accepts(r))
            {
                return None;
            }
            out.push((np.start, np.head, gn));
        }
        Some(Finding {
            word: a,
            nouns: out,
            kind,
        })
    }

    fn is_compound(&self, n1: usize, n2: usize) -> bool {
        // Built once per glossary (a termbase has 100,000 terms), not once per document.
        let compounds = self.compounds.get_or_init(|| {
            self.cx.glossary.memo.get_or_init(|| {
                let mut set = HashSet::new();
                // (From the approved terms that hold « de » or « d' » between two words, found
                // when the glossary was compiled and kept with it: a termbase's 100,000 are
                // not read again.)
                for p in &self.cx.glossary.de_phrases {
                    let w = tokenize_phrase(p);
                    for k in 0..w.len().saturating_sub(2) {
                        if matches!(w[k + 1].as_str(), "de" | "d'") {
                            for a in self
                                .m
                                .analyses(&w[k])
                                .iter()
                                .filter(|a| a.pos.has(Pos::NOUN))
                            {
                                for b in self
                                    .m
                                    .analyses(&w[k + 2])
                                    .iter()
                                    .filter(|a| a.pos.has(Pos::NOUN))
                                {
                                    set.insert((a.entry, b.entry));
                                }
                            }
                        }
                    }
                }
                Compounds(set)
            })
        });
        let set = &compounds.0;
        self.readings(n1)
            .iter()
            .filter(|a| a.pos.has(Pos::NOUN))
            .any(|a| {
                self.readings(n2)
                    .iter()
                    .filter(|b| b.pos.has(Pos::NOUN))
                    .any(|b| set.contains(&(a.entry, b.entry)))
            })
    }

    /// Pattern 2: « être » (or a copula) and its subject (« la puce … est conçu »).
    fn after_etre(&self, p: usize) -> Option<Finding> {
        // Back from the predicate over adverbs to the verb.
        // (Each word's form is asked before the gap after it: most words are neither an
        // adverb nor a verb.)
        // (Word `j` is asked once for both questions: asked of nearly every candidate, each
        // `word` reads two tokens.)
        let mut j = p - 1;
        let mut k = 0;
        let mut word = self.word(j);
        while k < 4 && j > 0 && word.has(Word::ADVERB) && word.etre.is_none() && self.joined(j) {
            j -= 1;
            k += 1;
            word = self.word(j);
        }
        if word.etre.is_none() && !matches!(self.norm(j), "été" | "être") {
            return None;
        }
        // « de plus en plus »
        if !self.joined(j) {
            return None;
        }
        let (verb, number) = if let Some(n) = word.etre {
            (j, n)
        } else if matches!(self.norm(j), "été" | "être") && j > 0 && self.joined(j - 1) {
            // « a été conçue », « peut être conçue », « doit être »
            let mut v = j - 1;
            while v > 0 && self.adverb(v) && self.joined(v - 1) {
                v -= 1;
            }
            let n = auxiliary(self.norm(v))?;
            if self.norm(j) == "été"
                && !matches!(
                    self.norm(v),
                    "a" | "avait"
                        | "aura"
                        | "aurait"
                        | "ait"
                        | "eut"
                        | "ont"
                        | "avaient"
                        | "auront"
                        | "auraient"
                        | "aient"
                        | "eurent"
                )
            {
                return None;
            }
            (v, n)
        } else {
            return None;
        };
        if !self.adjective(p, Place::AfterEtre) {
            return None;
        }
        // « bien sûr », « tout court »: locutions.
        if self.norm(p) == "sûr" && self.norm(p - 1) == "bien" {
            return None;
        }
        // A list of names (« les noms gérés sont black, blink, blue »).
        if p + 1 < self.toks.len()
            && self.same_sentence(p, p + 1)
            && self.gap(p).contains(',')
            && self.readings(p + 1).is_empty()
        {
            return None;
        }
        // A noun after the predicate: it may be placed before its noun (« est un nouveau
        // record »), or a locution.
        if p + 1 < self.toks.len()
            && self.joined(p)
            && (self.noun_only(p + 1) || self.is_name(p + 1))
        {
            return None;
        }
        let subject = self.subject(verb, number, 0)?;
        let nouns: SmallVec<[&Np; 5]> = subject.iter().collect();
        self.judge(p, &nouns, Kind::Subject, true)
    }

    /// The possible subjects of the verb at `v`, each agreeing with the verb's number.
    fn subject(&self, v: usize, number: Number, depth: usize) -> Option<Chain> {
        if v == 0 || !self.same_sentence(v - 1, v) {
            return None;
        }
        let mut k = v - 1;
        if matches!(self.norm(k), "ne" | "n'") {
            if k == 0 || !self.same_sentence(k - 1, k) {
                return None;
            }
            k -= 1;
        }
        let w = self.norm(k);
        // Pronouns: not handled.
        if matches!(
            w,
            "se" | "s'"
                | "me"
                | "m'"
                | "te"
                | "t'"
                | "nous"
                | "vous"
                | "lui"
                | "leur"
                | "en"
                | "y"
                | "le"
                | "la"
                | "les"
                | "l'"
                | "il"
                | "elle"
                | "ils"
                | "elles"
                | "on"
                | "ce"
                | "c'"
                | "cela"
                | "ça"
                | "ceci"
                | "tout"
                | "rien"
                | "je"
                | "j'"
                | "tu"
                | "que"
                | "qu'"
                | "dont"
                | "où"
                | "lequel"
                | "laquelle"
                | "lesquels"
                | "lesquelles"
        ) {
            return None;
        }
        // A relative « qui »: its antecedent, whichever noun of the chain it is.
        if w == "qui" {
            if k == 0 || !self.same_sentence(k - 1, k) {
                return None;
            }
            // After a bracket, the antecedent is further away.
            if self.gap(k - 1).contains([')', '»', '"', ']']) {
                return None;
            }
            let h = self.head_before(k - 1)?;
            let full = self.chain(h)?;
            let top = full.last().unwrap();
            if self.odd_before_bare(top) {
                return None;
            }
            // A noun after a preposition may not be the antecedent (« une chaîne en stockage
            // statique qui sera écrasée »).
            if top.start > 0
                && self.same_sentence(top.start - 1, top.start)
                && (self.word(top.start - 1).has(Word::PREPOSITION)
                    || top
                        .det
                        .is_some_and(|d| matches!(self.norm(d), "au" | "aux")))
            {
                return None;
            }
            let chain: Chain = full
                .into_iter()
                .filter(|np| np.gn.is_none_or(|g| number.accepts(g.n)))
                .collect();
            return (!chain.is_empty()).then_some(chain);
        }
        // « … et est conçue » : the subject of the previous verb.
        if matches!(w, "et" | "mais" | "puis") && depth == 0 {
            let mut j = k;
            while j > 0 && self.same_sentence(j - 1, j) && k - j < 40 {
                j -= 1;
                let x = self.norm(j);
                if matches!(
                    x,
                    "que"
                        | "qu'"
                        | "qui"
                        | "dont"
                        | "où"
                        | "si"
                        | "lorsque"
                        | "lorsqu'"
                        | "quand"
                        | "car"
                        | "mais"
                        | "et"
                        | "ou"
                        | "puisque"
                        | "comme"
                ) || matches!(x, "il" | "elle" | "ils" | "elles" | "on")
                {
                    return None;
                }
                if etre(x).is_some()
                    || auxiliary(x).is_some_and(|_| matches!(x, "a" | "ont" | "avait" | "avaient"))
                {
                    let n = etre(x).or_else(|| auxiliary(x))?;
                    if n != number {
                        return None;
                    }
                    return self.subject(j, n, depth + 1);
                }
            }
            return None;
        }
        // An apposition or a relative clause between commas or brackets (one).
        let mut end = k;
        let g = self.gap(end);
        if g.contains(',') || g.contains(')') {
            let mut j = end;
            let mut found = None;
            while j > 0 && self.same_sentence(j - 1, j) && end - j < 15 {
                let gj = self.gap(j - 1);
                if gj.contains(',') || gj.contains('(') {
                    found = Some(j);
                    break;
                }
                j -= 1;
            }
            let c0 = found?;
            let first = self.norm(c0);
            let opens = matches!(
                first,
                "qui"
                    | "que"
                    | "qu'"
                    | "dont"
                    | "où"
                    | "lequel"
                    | "laquelle"
                    | "lesquels"
                    | "lesquelles"
                    | "selon"
                    | "comme"
                    | "notamment"
                    | "en"
                    | "avec"
            ) || self.det(c0).is_some()
                || self.has_adj(c0)
                || self.is_name(c0);
            if !opens || c0 == 0 {
                return None;
            }
            end = c0 - 1;
        }
        // Quotes, brackets, slashes between the subject and the verb: not handled.
        if !self
            .gap(end)
            .chars()
            .all(|c| c.is_whitespace() || c == ',' || c == ')')
        {
            return None;
        }
        let h = self.head_before(end)?;
        if self.bare_infinitive(h) {
            return None;
        }
        let chain = self.chain(h)?;
        let top = *chain.last().unwrap();
        // A subject without determiner is a name or an identifier (« si longueur est
        // négatif »).
        if top.det.is_none() || !self.clause_boundary_before(top.start) {
            return None;
        }
        let gn = top.gn?;
        if !number.accepts(gn.n) {
            return None;
        }
        Some(smallvec![top])
    }

    /// Pattern 3: a participle in apposition after a comma (« son usine, construit en
    /// 2022 »).
    fn in_apposition(&self, p: usize) -> Option<Finding> {
        if p < 2 || !self.same_sentence(p - 1, p) || !only_comma_bytes(self.gap_bytes(p - 1)) {
            return None;
        }
        // (`adjective` is asked first: a word without a capital is no name.)
        if !self.adjective(p, Place::Apposition) || !self.word_as(p, false).has(Word::PPAS) {
            return None;
        }
        let next = self.toks.get(p + 1)?;
        if !self.joined(p)
            || !matches!(
                next.norm.as_str(),
                "en" | "par"
                    | "pour"
                    | "dans"
                    | "à"
                    | "au"
                    | "aux"
                    | "sur"
                    | "avec"
                    | "de"
                    | "d'"
                    | "depuis"
                    | "grâce"
                    | "selon"
                    | "chez"
                    | "entre"
            )
        {
            return None;
        }
        // « mis à part », « vu », « étant donné »: locutions.
        if matches!(
            self.norm(p),
            "mis" | "vu" | "excepté" | "compris" | "passé" | "donné" | "attendu"
        ) {
            return None;
        }
        let h = self.head_before(p - 1)?;
        let chain = self.chain(h)?;
        let top = chain.last().unwrap();
        // « des fichiers et leur descripteur associé, utilisés avec … »
        if top.start > 0
            && self.same_sentence(top.start - 1, top.start)
            && matches!(self.norm(top.start - 1), "et" | "ou" | "ni")
        {
            return None;
        }
        // The participle may qualify any noun of the sentence before it (« une structure
        // contenant les informations sur un groupe, lues depuis … »): every one must
        // disagree. Names (unknown gender) and nouns of uncertain gender keep it quiet.
        let mut nouns: Vec<Np> = chain.to_vec();
        let mut i = p - 1;
        while i > 0 && self.same_sentence(i - 1, p) {
            i -= 1;
            if (self.noun(i).is_some() || self.is_name(i)) && !nouns.iter().any(|n| n.head == i) {
                let np = self.np(i);
                if np.gn.is_some_and(|g| g.certain()) || self.is_name(i) {
                    nouns.push(np);
                }
            }
        }
        let refs: Vec<&Np> = nouns.iter().collect();
        let mut f = self.judge(p, &refs, Kind::Apposition, false)?;
        f.nouns.truncate(1);
        Some(f)
    }

    fn diagnostic(&self, f: &Finding) -> Diagnostic {
        let t = &self.toks[f.word];
        let span = Span::new(t.start(), t.end());
        let word = self.doc.display(t.start(), t.end()).to_string();
        let readings: Vec<&Analysis> = self
            .readings(f.word)
            .iter()
            .filter(|r| r.pos.has(Pos::ADJ) || r.pos.has(Pos::PPAS))
            .collect();
        let own = Gn::shared(readings.iter().copied())
            .map(Gn::describe)
            .filter(|s| !s.is_empty())
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let (s0, h0, gn0) = f.nouns[0];
        let noun_text = self
            .doc
            .display(self.toks[s0].start(), self.toks[h0].end())
            .to_string();
        let message = match f.kind {
            Kind::Subject => format!(
                "« {word} »{own} ne s'accorde pas avec son sujet « {noun_text} » ({}).",
                gn0.describe()
            ),
            Kind::AfterNoun if f.nouns.len() > 1 => {
                let others: Vec<String> = f.nouns[1..]
                    .iter()
                    .map(|&(s, h, g)| {
                        format!(
                            "« {} » ({})",
                            self.doc.display(self.toks[s].start(), self.toks[h].end()),
                            g.describe()
                        )
                    })
                    .collect();
                format!(
                    "« {word} »{own} ne s'accorde ni avec « {noun_text} » ({}) ni avec {}.",
                    gn0.describe(),
                    others.join(" ni avec ")
                )
            }
            Kind::AfterNoun => format!(
                "« {word} »{own} ne s'accorde pas avec « {noun_text} » ({}).",
                gn0.describe()
            ),
            Kind::Apposition => {
                format!(
                    "« {word} »{own} ne s'accorde pas avec « {noun_text} » ({}), qu'il qualifie.",
                    gn0.describe()
                )
            }
        };
        // The forms of the same word with the gender and number wanted.
        let mut forms: Vec<String> = Vec::new();
        let mut targets: Vec<Gn> = Vec::new();
        for &(_, _, g) in &f.nouns {
            if !targets.contains(&g) {
                targets.push(g);
            }
        }
        for g in &targets {
            for r in &readings {
                let pos = if r.pos.has(Pos::PPAS) {
                    Pos::PPAS
                } else {
                    Pos::ADJ
                };
                for form in self.m.inflect(r.entry, pos, g.g, g.n) {
                    // The exact form wanted, not an « épicène » one that would not change.
                    if form != t.norm && !forms.contains(&form) {
                        forms.push(form);
                    }
                }
            }
        }
        let applicability = if forms.len() == 1 && targets.len() == 1 {
            Applicability::Safe
        } else {
            Applicability::DisplayOnly
        };
        let mut d = Diagnostic::new(META.id, META.category, META.severity, span, message);
        d.suggestions = forms
            .into_iter()
            .take(3)
            .map(|f| Suggestion {
                replacement: match_case(&word, &f),
                applicability,
            })
            .collect();
        d
    }
}

/// English words that French text does not use (see `untranslated-english`).
static ENGLISH_WORDS: super::WordList = super::WordList::new(&[
    "the", "and", "of", "to", "is", "are", "with", "this", "that", "be", "by", "it", "from", "for",
    "on", "was", "were", "will", "can", "which", "has", "have", "an", "or", "not", "if", "when",
    "you", "your", "its", "into", "as", "at", "in", "we", "they", "their", "there", "but", "all",
    "any", "each", "may", "would", "could", "should", "been", "these", "those", "than", "then",
    "also", "such", "only", "other", "more", "most", "well", "no", "yes",
]);

/// True when sentence `s`, of `all` words of which `en` are in `ENGLISH_WORDS`, is English
/// or code left in the prose, which the rule does not judge: English as
/// `super::english_sentences` finds it (at least two words of `ENGLISH_WORDS`, and one word
/// in four), or code (`looks_like_code`). Asked only of the sentences that hold a word to
/// judge.
fn english_or_code(doc: &Document, s: u32, en: usize, all: usize) -> bool {
    // English, or code left in the prose (a man page synopsis: identifiers, calls, braces).
    super::mostly_english(en, all, 4)
        || doc
            .sentences
            .get(s as usize)
            .is_some_and(|x| looks_like_code(&doc.view[x.start..x.end]))
}

/// True when `v` holds « (); », « -> », « 0x » or one of `{}_=<>|$%#`: one pass over the
/// bytes (every mark is ASCII, so no byte of a multi-byte character is taken for one),
/// where four searches decoded each sentence character by character. A block of 16 bytes
/// is tested whole (the compiler compares the 16 at once): one of the single marks makes
/// the sentence code; a block without « ( » before « ) » or « 0 » before « x » (most of a
/// sentence: « (1) » or « 10 » are common) is passed over.
fn looks_like_code(v: &str) -> bool {
    let b = v.as_bytes();
    let code_at = |k: usize| match b[k] {
        // (« -> » is found by its « > ».)
        b'{' | b'}' | b'_' | b'=' | b'<' | b'>' | b'|' | b'$' | b'%' | b'#' => true,
        b'(' => b[k + 1..].starts_with(b");"),
        b'0' => b.get(k + 1) == Some(&b'x'),
        _ => false,
    };
    // (Ranges and equalities, without branches, so that the compiler tests the 16 bytes of
    // a block at once: « #$% », « <=> », « {|} », « _ ».)
    let mark = |c: u8| {
        (c.wrapping_sub(b'#') < 3)
            | (c.wrapping_sub(b'<') < 3)
            | (c.wrapping_sub(b'{') < 3)
            | (c == b'_')
    };
    // « ( » before « ) » (the start of « (); »), « 0 » before « x ».
    let pair = |c: u8, next: u8| ((c == b'(') & (next == b')')) | ((c == b'0') & (next == b'x'));
    let (blocks, _) = b.as_chunks::<16>();
    let mut k = 0;
    for block in blocks {
        // (Bytes or-ed together, not booleans: the compiler then tests the block as a vector.)
        if block.iter().fold(0u8, |m, &c| m | u8::from(mark(c))) != 0 {
            return true;
        }
        // The 16 bytes after the block's first (the last block's are looked at one by one).
        let pairs = match b
            .get(k + 1..k + 17)
            .and_then(|n| <&[u8; 16]>::try_from(n).ok())
        {
            Some(next) => block
                .iter()
                .zip(next)
                .fold(0u8, |m, (&c, &n)| m | u8::from(pair(c, n))),
            None => 1,
        };
        if pairs != 0 && (k..k + 16).any(code_at) {
            return true;
        }
        k += 16;
    }
    (k..b.len()).any(code_at)
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::testing::Rng;

    /// Each sentence is judged when it holds a word that may be an adjective and is neither
    /// English nor code as it was found for the whole document at once, with
    /// `super::english_sentences`.
    #[test]
    fn english_or_code_per_sentence_is_what_the_whole_document_gives() {
        // (Code is rare: one mark makes a whole sentence code.)
        let pieces = [
            "the ",
            "and ",
            "is ",
            "of ",
            "la ",
            "puce ",
            "est ",
            "conçue ",
            "pour ",
            "les ",
            "une ",
            "de ",
            "nouvelle ",
            "usine ",
            ". ",
            ". ",
            "! ",
            "\n\n",
            ", ",
            "Meta ",
            "THE ",
            "Of ",
            "« ",
            "» ",
            "1 ",
            "é ",
            "\n",
            "x_y ",
        ];
        let mut rng = Rng::new(0x0e4c_11d5);
        let (mut judged, mut skipped) = (0, 0);
        let glossary =
            crate::glossary::CompiledGlossary::new(crate::glossary::parse("t.toml", G).unwrap());
        let settings = crate::rules::RuleSettings::default();
        for _ in 0..2000 {
            let text = rng.string(&pieces, 60);
            let doc = Document::from_str(&text);
            let mut whole: Vec<bool> = super::super::per_sentence(&doc);
            for s in super::super::english_sentences(&doc, &super::ENGLISH_WORDS, 4) {
                whole[s as usize] = true;
            }
            for (k, s) in doc.sentences.iter().enumerate() {
                whole[k] |= super::looks_like_code(&doc.view[s.start..s.end]);
            }
            let cx = crate::rules::Context::new(&doc, &glossary, &settings);
            let words = doc.vocabulary();
            let a = super::Analyzer::new(&cx, &words);
            let (mut first, mut candidates) = (0, Vec::new());
            let mut by_sentence = Vec::new();
            while first < doc.tokens.len() {
                let end = a.sentence(first, &mut candidates);
                by_sentence.extend(candidates.iter().map(|&i| i as u32));
                let s = doc.tokens[first].sentence;
                assert!(end > first && doc.tokens[first..end].iter().all(|t| t.sentence == s));
                assert!(doc.tokens.get(end).is_none_or(|t| t.sentence != s));
                let words: Vec<usize> = (first.max(1)..end)
                    .filter(|&i| a.may_be_adjective(i))
                    .collect();
                let want = if whole[s as usize] { &[][..] } else { &words };
                assert_eq!(candidates, want, "{text:?}, sentence {s}");
                judged += !words.is_empty() as usize;
                skipped += (!words.is_empty() && whole[s as usize]) as usize;
                first = end;
            }
            // The candidates of the whole document, found among the words' occurrences.
            // (In blocks of a few occurrences too: a sentence's candidates then fall in
            // two blocks or more.)
            for block in [1, 2, 3, 7, super::Candidates::BLOCK] {
                assert_eq!(a.all_candidates(block), by_sentence, "{text:?}, {block}");
            }
        }
        assert!(
            judged > 2000 && skipped > 1000 && judged - skipped > 700,
            "{judged} {skipped}"
        );
    }

    /// Every word of `ENGLISH_WORDS` holds a letter: its tokens are words, which
    /// `Facts::per_ids` takes for granted (it does not read their tokens).
    #[test]
    fn english_words_are_words() {
        for w in super::ENGLISH_WORDS.words {
            assert!(super::has_letter(w), "{w}");
            assert!(
                Document::from_str(w).tokens.iter().all(|t| t.is_word()),
                "{w}"
            );
        }
        assert!(!super::has_letter("12") && super::has_letter("x86") && super::has_letter("é"));
    }

    /// The facts a thread keeps from one text to the next (`Facts`) are those of each
    /// token's own form: random texts are checked one after the other, now and then while
    /// the previous text's analyzer still holds the thread's facts, with a limit low
    /// enough that the table starts afresh and grows; words share their first 8 or 16
    /// bytes, or are 8, 9, 16 or 17 bytes long.
    #[test]
    fn facts_kept_between_texts_are_each_tokens_own() {
        use super::{Facts, FirstLook, Word};
        let pieces = [
            "la ",
            "puce ",
            "est ",
            "conçue ",
            "conçu ",
            "performants ",
            "the ",
            "and ",
            "Meta ",
            "LA ",
            "Puce ",
            "3GPP ",
            "12 ",
            "x86 ",
            "de ",
            ". ",
            "internationalisation ",
            "internationalisations ",
            "internationaliser ",
            "internationalisa ",
            "anticonstitutionnellement ",
            "anticonstitutionnelle ",
            "abcdefgh ",
            "abcdefghi ",
            "abcdefgh1 ",
            "performante ",
            "performance ",
            "internationalisationx ",
            "internationalisationy ",
            "internationalisatrices ",
            "internationalisatrice ",
            "développement ",
            "développements ",
            "été ",
            "Été ",
            "quelque ",
            "chose ",
        ];
        let glossary =
            crate::glossary::CompiledGlossary::new(crate::glossary::parse("t.toml", G).unwrap());
        let settings = crate::rules::RuleSettings::default();
        let m = crate::lexicon::morphology();
        let mut rng = Rng::new(0x5eed_fac7);
        super::KEPT_FACTS.set(Some(Facts::with_limit(20)));
        let (mut kept, mut fresh, mut nested, mut by_id) = (0, 0, 0, 0);
        for _ in 0..600 {
            let text = rng.string(&pieces, 40);
            let doc = Document::from_str(&text);
            let cx = crate::rules::Context::new(&doc, &glossary, &settings);
            let vocabulary = doc.vocabulary();
            let before = super::KEPT_FACTS.take();
            let known = before.as_ref().map_or(0, |f| f.entries.len());
            super::KEPT_FACTS.set(before);
            let a = super::Analyzer::new(&cx, &vocabulary);
            // Facts begun with this text are by id, out of their table, and read in place
            // (`Facts::begin`); the next text enters their words in the table.
            // (Past the limit of 20 words they start afresh: `Facts::take`.)
            let began = known == 0 || known > 20;
            assert_eq!(a.words.len(), if began { 0 } else { vocabulary.len() });
            assert_eq!(
                a.facts.indexed,
                if began { 0 } else { a.facts.entries.len() }
            );
            by_id += usize::from(began && !vocabulary.is_empty());
            // Kept: the words of the texts before are still there; fresh: over the limit.
            if known > 0 && a.facts.entries.len() >= known {
                kept += 1;
            } else if known > 0 {
                fresh += 1;
            }
            let check = |a: &super::Analyzer| {
                for (i, t) in doc.tokens.iter().enumerate() {
                    let w = t.norm.as_str();
                    assert_eq!(a.first_look(i), FirstLook::of(t, m), "{w}");
                    // `is_name` as it was written, and no name among the words `adjective`
                    // asks as words (`word_as(i, false)`).
                    let name =
                        t.is_word() && (t.all_caps || (t.capitalized && !a.sentence_start(i)));
                    assert_eq!(a.is_name(i), name, "{w}");
                    assert!(!(a.may_be_adjective(i) && name), "{w}");
                    let r = if a.is_name(i) { &[][..] } else { m.analyses(w) };
                    assert_eq!(*a.word(i), Word::of_slice(w, r), "{w} in {text:?}");
                }
            };
            check(&a);
            if rng.below(8) == 0 {
                // Another text on this thread while `a` holds the facts.
                let b = super::Analyzer::new(&cx, &vocabulary);
                assert_eq!(b.facts.entries.len(), vocabulary.len());
                assert!(b.words.is_empty() && b.facts.indexed == 0);
                check(&b);
                drop(b);
                nested += 1;
            }
            drop(a);
        }
        super::KEPT_FACTS.take();
        assert!(
            kept > 200 && fresh > 50 && nested > 30 && by_id > 50,
            "{kept} {fresh} {nested} {by_id}"
        );
    }

    /// A thread keeps its facts for the next text, but not when no document follows
    /// (`CompiledGlossary::keep_word_memos(false)`): they are then freed with the analyzer.
    #[test]
    fn facts_are_freed_when_no_document_follows() {
        let glossary =
            crate::glossary::CompiledGlossary::new(crate::glossary::parse("t.toml", G).unwrap());
        let settings = crate::rules::RuleSettings::default();
        let doc = Document::from_str("Les puces sont rapides et la puce est petite.");
        let vocabulary = doc.vocabulary();
        for keep in [true, false, true] {
            glossary.keep_word_memos(keep);
            super::KEPT_FACTS.take();
            let cx = crate::rules::Context::new(&doc, &glossary, &settings);
            drop(super::Analyzer::new(&cx, &vocabulary));
            let kept = super::KEPT_FACTS.take();
            assert_eq!(kept.is_some(), keep);
            assert!(kept.is_none_or(|f| f.entries.len() == vocabulary.len()));
        }
    }

    /// The searches of ASCII signs in a gap's bytes (`Analyzer::gap_bytes`) find what the
    /// searches in its `str` found, on random texts with commas, non-breaking spaces and
    /// other characters between the words.
    #[test]
    fn gap_bytes_are_searched_as_the_gap_was() {
        let pieces = [
            "puce",
            "est",
            "é",
            " ",
            " , ",
            ",",
            "\u{a0}",
            "\u{202f}",
            "/",
            ".",
            ";",
            "!",
            "?",
            "…",
            "«",
            "\u{2c}\u{a0}",
            "x",
            "—",
        ];
        let glossary =
            crate::glossary::CompiledGlossary::new(crate::glossary::parse("t.toml", G).unwrap());
        let settings = crate::rules::RuleSettings::default();
        let mut rng = Rng::new(0x6a95_b7e5);
        let (mut gaps, mut commas) = (0, 0);
        for _ in 0..3000 {
            let text = rng.string(&pieces, 30);
            let doc = Document::from_str(&text);
            let cx = crate::rules::Context::new(&doc, &glossary, &settings);
            let vocabulary = doc.vocabulary();
            let a = super::Analyzer::new(&cx, &vocabulary);
            for i in 0..doc.tokens.len().saturating_sub(1) {
                let (g, b) = (a.gap(i), a.gap_bytes(i));
                let old_comma = g.contains(',') && g.trim() == ",";
                assert_eq!(super::only_comma_bytes(b), old_comma, "{g:?}");
                assert_eq!(
                    b.iter().any(|c| b".;!?".contains(c)),
                    g.contains(['.', ';', '!', '?']),
                    "{g:?}"
                );
                assert_eq!(b.contains(&b'/'), g.contains('/'), "{g:?}");
                gaps += 1;
                commas += old_comma as usize;
            }
        }
        assert!(gaps > 3000 && commas > 300, "{gaps} {commas}");
    }

    /// The facts of a word, kept once per form (`Analyzer::word`), are what the helpers
    /// found from each token's readings before: the former code is written out here.
    #[test]
    fn word_facts_are_those_of_each_tokens_readings() {
        use super::{Gn, Pos, Word};
        let glossary =
            crate::glossary::CompiledGlossary::new(crate::glossary::parse("t.toml", G).unwrap());
        let settings = crate::rules::RuleSettings::default();
        let m = crate::lexicon::morphology();
        let corpus = include_str!("../../corpus/meta-puce-ia.fr.txt");
        let extra = "Est-il Conçue ? LA puce Performante est conçu, SONT Performants ; le Haut \
                     Débit, 3GPP et x86 ; Été, Être, été. Quelque chose de fort, les points Fin.";
        let fold = |r: &[super::Analysis], p: Pos| {
            let mut out: Option<Gn> = None;
            for a in r.iter().filter(|a| a.pos.has(p)) {
                let x = Gn {
                    g: a.gender,
                    n: a.number,
                };
                out = Some(out.map_or(x, |o| Gn {
                    g: if o.g == x.g {
                        o.g
                    } else {
                        super::Gender::Either
                    },
                    n: if o.n == x.n {
                        o.n
                    } else {
                        super::Number::Either
                    },
                }));
            }
            out
        };
        let mut asked = 0;
        for text in [corpus, extra] {
            let doc = Document::from_str(text);
            let cx = crate::rules::Context::new(&doc, &glossary, &settings);
            let vocabulary = doc.vocabulary();
            let a = super::Analyzer::new(&cx, &vocabulary);
            for (i, t) in doc.tokens.iter().enumerate() {
                let w = t.norm.as_str();
                let r = if a.is_name(i) { &[][..] } else { m.analyses(w) };
                let word = a.word(i);
                let has = |p: Pos| r.iter().any(|x| x.pos.has(p));
                assert!(
                    std::ptr::eq(word.readings.get(a.all), r) || r.is_empty(),
                    "{w}"
                );
                assert_eq!(word.readings.get(a.all), r, "{w}");
                assert_eq!(word.has(Word::ADJ), has(Pos::ADJ) || has(Pos::PPAS), "{w}");
                assert_eq!(word.has(Word::PPAS), has(Pos::PPAS), "{w}");
                assert_eq!(word.has(Word::PPRE), has(Pos::PPRE), "{w}");
                assert_eq!(word.has(Word::NOUN), has(Pos::NOUN), "{w}");
                assert_eq!(word.has(Word::INFI), has(Pos::INFI), "{w}");
                let noun_only = !r.is_empty()
                    && r.iter().all(|x| {
                        x.pos.has(Pos::NOUN) && !x.pos.has(Pos::ADJ) && !x.pos.has(Pos::PPAS)
                    });
                assert_eq!(word.has(Word::NOUN_ONLY), noun_only, "{w}");
                let adverb = super::ADVERBS.contains(w)
                    || (!r.is_empty() && r.iter().all(|x| x.pos == Pos::ADV));
                assert_eq!(word.has(Word::ADVERB), adverb, "{w}");
                let verb = super::etre(w).is_some()
                    || super::auxiliary(w).is_some()
                    || matches!(w, "été" | "être");
                assert_eq!(word.has(Word::VERB), verb, "{w}");
                assert_eq!(
                    word.has(Word::INTENSIFIER),
                    super::INTENSIFIERS.contains(w),
                    "{w}"
                );
                assert_eq!(
                    word.has(Word::PRENOMINAL),
                    super::PRENOMINAL.contains(w),
                    "{w}"
                );
                assert_eq!(
                    word.has(Word::PREPOSITION),
                    super::PREPOSITIONS.contains(w),
                    "{w}"
                );
                assert_eq!(word.det, super::determiner(w), "{w}");
                assert_eq!(word.etre, super::etre(w), "{w}");
                // `noun`, but for « quelque chose ».
                let function =
                    Pos(Pos::ADV.0 | Pos::PREP.0 | Pos::DET.0 | Pos::PRON.0 | Pos::OTHER.0);
                let rare_function = matches!(w, "point" | "points" | "fin" | "fins");
                let not_noun = (r.iter().any(|x| x.pos.has(function)) && !rare_function)
                    || w.chars().nth(1).is_none()
                    || super::NOT_HEADS.contains(w);
                assert_eq!(
                    word.noun,
                    if not_noun { None } else { fold(r, Pos::NOUN) },
                    "{w}"
                );
                // `np`: what an adjective before the noun imposes.
                let adj = if w.chars().all(char::is_alphabetic) && has(Pos::ADJ) {
                    fold(r, Pos::ADJ)
                } else {
                    None
                };
                assert_eq!(word.adj, adj, "{w}");
                // `adjective`, in each place, with and without an object after the word.
                // (An ASCII digit is one byte, and no byte of another character.)
                let digit = w.bytes().any(|b| b.is_ascii_digit());
                for place in [
                    super::Place::AfterNoun,
                    super::Place::AfterEtre,
                    super::Place::Apposition,
                ] {
                    let after_etre = place == super::Place::AfterEtre;
                    let excluded = digit
                        || (!after_etre && super::NOT_ADJECTIVES.contains(w))
                        || (after_etre && super::ADVERB_AFTER_ETRE.contains(w));
                    for object in [false, true] {
                        let old = !excluded
                            && r.iter().all(|x| {
                                let adj = x.pos.has(Pos::ADJ) || x.pos.has(Pos::PPAS);
                                if x.pos.has(Pos::NOUN) && !adj {
                                    return false;
                                }
                                let other =
                                    Pos(x.pos.0 & !(Pos::ADJ.0 | Pos::PPAS.0 | Pos::NOUN.0));
                                match place {
                                    _ if other == Pos::default() => true,
                                    super::Place::AfterEtre => other.verbal() || other == Pos::ADV,
                                    super::Place::Apposition => other.verbal(),
                                    super::Place::AfterNoun => other == Pos::PPRE && !object,
                                }
                            });
                        let (excluded, readings) = match place {
                            super::Place::AfterNoun => (Word::NOT_ADJECTIVE, Word::AFTER_NOUN),
                            super::Place::AfterEtre => (Word::NOT_ATTRIBUTE, Word::AFTER_ETRE),
                            super::Place::Apposition => (Word::NOT_ADJECTIVE, Word::APPOSITION),
                        };
                        let new = !word.has(excluded)
                            && word.has(readings)
                            && !(place == super::Place::AfterNoun
                                && word.has(Word::UNLESS_OBJECT)
                                && object);
                        assert_eq!(new, old, "{w} {object}");
                    }
                }
                asked += 1;
            }
        }
        assert!(asked > 400, "{asked}");
    }

    #[test]
    fn code_is_found_as_the_four_searches_found_it() {
        let slow = |v: &str| {
            v.contains("();")
                || v.contains(['{', '}', '_', '=', '<', '>', '|', '$', '%', '#'])
                || v.contains("->")
                || v.contains("0x")
        };
        for v in [
            "",
            "f();",
            "f()",
            "();",
            "( );",
            "a -> b",
            "a - > b",
            "0x1F",
            "0X1F",
            "x0",
            "0",
            "(",
            "()",
            "a_b",
            "a = b",
            "« Été » — œuvre 100 %",
            "Le texte, sans code.",
            "é0x",
            "{",
            "}",
            "<",
            ">",
            "|",
            "$",
            "#",
            "appel f(); fin",
            "10 x 20",
        ] {
            assert_eq!(super::looks_like_code(v), slow(v), "{v}");
        }
        // Long sentences, whose marks fall anywhere in or across blocks of 16 bytes.
        let pieces = [
            "a", "é", " ", "(", ")", ";", "-", ">", "0", "x", "_", "#", "{", "œuvre ", "0x", "();",
            "mot ", "\u{a0}",
        ];
        let mut rng = crate::testing::Rng::new(0xc0de);
        let (mut code, mut prose) = (0, 0);
        for _ in 0..20_000 {
            let kinds = rng.below(pieces.len()) + 1;
            let v = rng.string(&pieces[..kinds], 80);
            let is_code = super::looks_like_code(&v);
            assert_eq!(is_code, slow(&v), "{v:?}");
            (code, prose) = (code + is_code as usize, prose + !is_code as usize);
        }
        assert!(code > 1000 && prose > 1000, "{code} {prose}");
    }

    use crate::diagnostic::Applicability;
    use crate::testing::check_with;

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "supply-chain"
approved = ["chaîne d'approvisionnement mondiale"]
"#;

    fn agreement(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "agreement")
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        agreement(text)
            .iter()
            .map(|d| text[d.span.start..d.span.end].to_string())
            .collect()
    }

    /// The Latin letters of two bytes answered at once are `char::is_alphabetic`'s.
    #[test]
    fn alphabetic_is_chars() {
        let mut differ = 0;
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            differ += usize::from(!c.is_alphabetic());
        }
        assert!(differ > 1000, "{differ}");
    }

    #[test]
    fn adjective_after_its_noun() {
        let d = agreement("Meta conçoit des puces performant.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].suggestions[0].replacement, "performantes");
        assert_eq!(d[0].suggestions[0].applicability, Applicability::Safe);
        assert_eq!(flagged("Une puce très performant."), ["performant"]);
        assert_eq!(flagged("La demande de puces forts inquiète."), ["forts"]);
        // From the corpora (debian.po).
        assert_eq!(
            flagged("condition incorrect dans le bloc IT"),
            ["incorrect"]
        );
        assert_eq!(
            flagged("le réadressage devrait être un nombre paire"),
            ["paire"]
        );
        assert_eq!(
            flagged("Les mots sont affiché au format grand boutiste."),
            ["affiché"]
        );
        assert_eq!(
            flagged("Des modifications ont été demandée pour ce modèle."),
            ["demandée"]
        );
        assert_eq!(
            flagged("Plusieurs liens, mais le mode récursif est désactivée."),
            ["désactivée"]
        );
        assert_eq!(
            flagged("Les fonctions de regroupement ne sont pas autorisés ici."),
            ["autorisés"]
        );
        assert_eq!(
            flagged(
                "Si tloc n'est pas NULL, le code de retour est également stockée dans la structure."
            ),
            ["stockée"]
        );
        assert_eq!(
            flagged(
                "De plus, une pratique assez courante utilisé pour du code écrit soigneusement."
            ),
            ["utilisé"]
        );
        assert_eq!(flagged("Aucune tâche n'a été créé."), ["créé"]);
        assert_eq!(
            flagged("Les schémas temporaires ne peuvent pas être répliquées."),
            ["répliquées"]
        );
        assert_eq!(
            flagged("Supprimer les images sélectionnés"),
            ["sélectionnés"]
        );
        assert_eq!(
            flagged("la factorielle d'un nombre négatif est indéfini"),
            ["indéfini"]
        );
        assert_eq!(
            flagged("Afficher les modifications en utilisant les outils habituel de diff"),
            ["habituel"]
        );
        assert_eq!(
            flagged("Un autre effet est que les verrous ne sont plus partagé : toute E/S échoue."),
            ["partagé"]
        );
    }

    /// Guards taken from the professional corpora (Debian, man pages, Sphinx, JupyterLab).
    #[test]
    fn corpus_guards() {
        for ok in [
            "La fonction examine la séquence commençant en s.",
            "Les lignes commençant par un dièse sont ignorées.",
            "tous les tests opérant sur des fichiers déréférencent les liens",
            "les fonctions qui encapsulent les appels système décrits dans cette page",
            "x, y indiquent les positions horizontale et verticale de départ",
            "les limites basse et haute doivent être finies",
            "copiez-le dans les préférences utilisateur et ajoutez l'attribut",
            "une paire d'identifiants utilisateur réel et effectif",
            "la précision a été réduite au maximum autorisée",
            "la base est utilisée par un slot de réplication logique actif",
            "la table est de nouveau cohérente.",
            "cette entrée du répertoire sera bel et bien parcourue.",
            "Produire une sortie petit boutiste",
            "le nombre maximal de pseudo terminaux",
            "Temps UCT limite expiré",
            "à un de ses ID groupe supplémentaires.",
            "l'interface de plus haut niveau fournie par les fonctions est recommandée.",
            "se rapporte à un répertoire supprimé mais ouvert.",
            "mais de nouvelles interfaces ont été ajoutées",
            "Le paramètre value indique les données à envoyer.",
            "démarrer les événements avec le bit exclusive défini",
            "dans le cas de fichiers sources très volumineux",
            "des instructions machine atomiques liées à l'architecture",
            "Les fonctions marquées locale en tant que problème",
            "La chaîne de caractères larges a été complètement convertie.",
            "qui est une structure contenant plus d'informations",
            "le compteur d'horloge renvoyé par timer_create",
            "Compatibilité flottant matériel (processeur 32 bits)",
            "de fermeture ou de modification d'attributs du descripteur de fichier subséquentes",
            "Ce n'est applicable que si tous les répertoires inférieur, supérieur et de travail sont sur le même système.",
            "void outw_p(unsigned short value, unsigned short port);",
            "Supprimer un port des ports d'entrée/sortie valables.",
            "octets stockés dans l'ordre du réseau) qui est convertie dans la représentation",
            "read sauvegarde toute entrée partielle lue dans la variable nom indiquée.",
            "Si le paramètre est une variable tableau indicée par @ ou *, l'opération est appliquée.",
            "Les vidages textuels peuvent devenir incompatibles à l'avenir.",
            "créer des fichiers et leur descripteur associé, utilisés avec les API de verrou",
            "ou les entrées plus grandes si négative",
            "affiche la chaîne PROMPT sans retour à la ligne final, avant de tenter",
            "Elle détermine les plus longues chaînes de chiffres consécutifs contenant (ou commençant) cette position.",
            "renvoie un pointeur sur une chaîne en stockage statique qui sera écrasée par des appels successifs.",
            "le signal sera distribué une seule fois une fois débloqué.",
            "argp pointe vers un tableau de 48 octets contenant, dans l'ordre, les valeurs",
            "la position du « curseur » n'est pas affectée par les routines",
            "n'afficher que les n dernières lignes.",
            "une structure contenant les informations sur un groupe, lues depuis le fichier",
            "un pointeur vers un entier de 8 octets différent de zéro",
            "The UCS code values 0xd800–0xdfff (UTF-16 surrogates) as well as 0xfffe and 0xffff.",
            "aucune position de fin du journal de transactions renvoyée par le serveur",
            "caractères en trop : deux-points supplémentaire",
            "--gc-sections ignoré pour l'édition de liens",
            "jusqu'à ce qu'une commande « break » soit exécutée.",
            "Si vous connaissez ces détails, les correctifs sont bien sûr bienvenus.",
            "positionnez-la sur quelque chose adapté à l'appel système",
            "Si longueur est négatif, sa valeur est considérée comme une position.",
            "Si action est égal à ENTER, alors une copie est insérée.",
            "il existe des moyens connus pour éviter un problème autres que de s'abstenir",
            "un pointeur vers un tampon de *n octets alloué par malloc(3).",
            "un autre processus tentant d'accéder à newpath ne le voie absent.",
            "la récupération du PGID d'un processus autre que l'appelant est rarement utilisée",
            "Les noms actuellement gérés sont black, blink, blue, bold.",
            "sous les conditions ci-dessus pour les versions modifiées, mis à part que cette notice",
            "Échec : une erreur matériel est survenue.",
            "La fonction sinus hyperbolique complexe définie par :",
            "Dans l’interface originelle seul un ensemble limité d’événements était pris en charge.",
            "Point d'exclamation inversé",
            "Le journal se termine avant un point de restauration cohérent",
            "Si les colonnes parents sont NOT NULL, alors",
            "Cette page de manuel présente différentes normes de jeux de caractères.",
            "Il s'agit d'une extension Linux non standard qui n'est pas indiquée dans POSIX.",
            "l'interface de l'appel système bas niveau, qui est remplacée par getdents(2).",
            "Vérifier l'archive après l'avoir écrite.",
            "spécificateurs petit/gros boutistes possibles",
            "cette valeur, qui est la plupart du temps figée en interne.",
            "l'utilisateur devrait supprimer les répertoires supérieur et de travail",
            "pour instancier une clé au type et à la description donnés.",
            "Un résultat plus petit que cette largeur est complété avec des espaces.",
            "ou bien sur une position au-delà de celle maximum autorisée.",
        ] {
            let d = agreement(ok);
            assert!(d.is_empty(), "{ok}: {d:?}");
        }
    }

    #[test]
    fn adjective_after_a_glossary_compound_qualifies_its_head() {
        let d = agreement(
            "Ce changement compte dans la chaîne d'approvisionnement global serrée actuelle.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].suggestions[0].replacement, "globale");
    }

    #[test]
    fn participle_after_etre_and_its_subject() {
        let t = "Selon Reuters, la puce a été produite en collaboration avec Taiwan Integrated Circuit \
                 Manufacturing Corporation (TSMC), une société de fabrication de semi-conducteurs de \
                 pointe, et est conçu spécifiquement pour les charges de travail.";
        let d = agreement(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].span.start..d[0].span.end], "conçu");
        assert_eq!(d[0].suggestions[0].replacement, "conçue");
        assert!(d[0].message.contains("la puce"), "{}", d[0].message);
        assert_eq!(flagged("La puce de Meta est conçu par TSMC."), ["conçu"]);
        assert_eq!(flagged("Les puces ont été conçu par TSMC."), ["conçu"]);
        assert_eq!(
            flagged("La puce, qui sera vendue en 2026, est conçu par TSMC."),
            ["conçu"]
        );
        assert_eq!(
            flagged("Cette usine qui est construit en Arizona."),
            ["construit"]
        );
    }

    #[test]
    fn predicative_adjective() {
        assert_eq!(flagged("La demande était plus fort que prévu."), ["fort"]);
        assert_eq!(flagged("Les ventes de puces restent faible."), ["faible"]);
    }

    #[test]
    fn participle_in_apposition() {
        assert_eq!(
            flagged("L'entreprise a agrandi son usine, construit en 2022 près de Phoenix."),
            ["construit"]
        );
    }

    #[test]
    fn correct_agreement_is_quiet() {
        for ok in [
            "Meta a récemment annoncé qu'elle testait une puce conçue en interne, destinée spécifiquement à l'entraînement.",
            "Selon Reuters, la puce a été produite en collaboration avec TSMC, fabricant de semi-conducteurs de pointe, et elle est spécialement conçue pour l'IA.",
            "L'enjeu est d'autant plus important pour le groupe que la chaîne d'approvisionnement mondiale reste tendue.",
            "Les travaux de Meta sur les puces d'entraînement sont donc suivis de près par le secteur.",
            "Un ensemble de règles complexe ; un nombre de puces important.",
            "La puce et le serveur sont conçus ensemble ; la puce et la carte performantes.",
            "Des puces haut de gamme, des offres grand public, des modèles dernier cri.",
            "Le nombre de puces vendues est élevé.",
            "La plupart des puces sont conçues à Taïwan.",
            "Meta a agrandi son usine, construite en 2022.",
            "Il la trouve belle ; ils la porte ouverte.",
            "Les résultats de l'entreprise sont bons.",
            "La question est de savoir si la puce est prête.",
            "Le groupe, convaincu de son potentiel, a racheté la start-up.",
        ] {
            let d = agreement(ok);
            assert!(d.is_empty(), "{ok}: {d:?}");
        }
    }
}
