//! `calque`, `anglicism`, `false-friend`, `mistranslation`, `awkward-phrasing`: the five
//! kinds of `[[expression]]` entries. One implementation, five rules with their own
//! documentation, category and severity.

use super::forbidden_term::{HitPlaces, PatternWords, inflected_in};
use super::{Context, Rule, RuleDoc, RuleMeta, match_case};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::glossary::{ExpressionKind, Target};

pub struct ExpressionRule {
    kind: ExpressionKind,
    meta: RuleMeta,
}

pub static CALQUE: ExpressionRule = ExpressionRule {
    kind: ExpressionKind::Calque,
    meta: RuleMeta {
        id: "calque",
        category: Category::Style,
        severity: Severity::Warning,
        summary: "Calque : tournure traduite mot à mot de l'anglais.",
        doc: RuleDoc {
            what: "Signale une tournure calquée sur l'anglais (structure ou image reprise mot à mot).",
            why: "Le calque se comprend mal ou sonne comme une traduction ; il trahit souvent \
                  un sens que le français exprime autrement.",
            example: "Il est entendu que Meta a connu des difficultés.",
            instead: "Selon nos informations, Meta a connu des difficultés.",
        },
    },
};

pub static ANGLICISM: ExpressionRule = ExpressionRule {
    kind: ExpressionKind::Anglicism,
    meta: RuleMeta {
        id: "anglicism",
        category: Category::Style,
        severity: Severity::Warning,
        summary: "Anglicisme : mot ou emploi emprunté à l'anglais alors qu'un équivalent français existe.",
        doc: RuleDoc {
            what: "Signale un mot anglais ou un emploi anglais d'un mot français, d'après le glossaire.",
            why: "Les équivalents français recommandés (FranceTerme, OQLF) sont plus clairs pour \
                  le lectorat et attendus dans une publication soignée.",
            example: "Cette annonce va impacter le marché des puces.",
            instead: "Cette annonce va avoir des conséquences sur le marché des puces.",
        },
    },
};

pub static FALSE_FRIEND: ExpressionRule = ExpressionRule {
    kind: ExpressionKind::FalseFriend,
    meta: RuleMeta {
        id: "false-friend",
        category: Category::Mistranslation,
        severity: Severity::Warning,
        summary: "Faux ami : mot français pris dans le sens du mot anglais qui lui ressemble.",
        doc: RuleDoc {
            what: "Signale un mot français employé dans le sens d'un mot anglais de même forme \
                   (« éventuellement » pour « eventually »).",
            why: "Le faux ami change le sens : le lecteur comprend autre chose que la source.",
            example: "Le logiciel supporte désormais les processeurs Arm.",
            instead: "Le logiciel prend désormais en charge les processeurs Arm.",
        },
    },
};

pub static MISTRANSLATION: ExpressionRule = ExpressionRule {
    kind: ExpressionKind::Mistranslation,
    meta: RuleMeta {
        id: "mistranslation",
        category: Category::Mistranslation,
        severity: Severity::Error,
        summary: "Contresens ou faux sens : la traduction dit autre chose que la source.",
        doc: RuleDoc {
            what: "Signale une expression connue pour traduire de travers une tournure anglaise.",
            why: "Le sens est faux : c'est l'erreur la plus grave en traduction.",
            example: "Les puces servent au fonctionnement du modèle plutôt qu'à son entraînement.",
            instead: "Les puces servent à l'inférence plutôt qu'à l'entraînement.",
        },
    },
};

pub static AWKWARD: ExpressionRule = ExpressionRule {
    kind: ExpressionKind::Awkward,
    meta: RuleMeta {
        id: "awkward-phrasing",
        category: Category::Style,
        severity: Severity::Info,
        summary: "Tournure maladroite : collocation fautive ou lourdeur typique des traductions.",
        doc: RuleDoc {
            what: "Signale une collocation fautive (« exercer une base ») ou une formule lourde \
                   typique des traductions automatiques.",
            why: "Le texte se lit mal et trahit la traduction ; une tournure idiomatique existe.",
            example: "Ce projet exercera une base solide pour l'avenir.",
            instead: "Ce projet posera des bases solides pour l'avenir.",
        },
    },
};

impl Rule for ExpressionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let places = HitPlaces::of(cx);
        if places.expression.is_empty() {
            return;
        }
        let pattern_words = PatternWords::of(cx);
        let mut pattern_words = pattern_words.lock();
        for &at in &places.expression {
            let hit = &cx.hits[at];
            let Target::Expression { expr, index } = hit.target else {
                continue;
            };
            let x = &cx.glossary.glossary.expressions[expr as usize];
            if x.kind != self.kind {
                continue;
            }
            let found: &str = &cx.text(hit.span());
            let message = format!("« {found} » : {}", x.reason.trim());
            let suggestions: Vec<String> = x.suggest.iter().map(|s| match_case(found, s)).collect();
            let mut d = Diagnostic::new(
                self.meta.id,
                self.meta.category,
                x.severity,
                hit.span(),
                message,
            )
            .with_replacements(suggestions)
            .with_entry(&x.id);
            // « impacte » would get « toucher » as written: shown, never applied by --fix.
            if x.patterns
                .get(index as usize)
                .is_none_or(|p| inflected_in(&mut pattern_words, cx, hit, p))
            {
                d = d.with_applicability(crate::diagnostic::Applicability::DisplayOnly);
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = r#"
[glossary]
name = "t"
[[expression]]
id = "il-est-entendu-que"
kind = "calque"
patterns = ["il est entendu que"]
suggest = ["selon nos informations"]
reason = "calque de « it is understood that »."
unless = ["parties", "contrat"]
[[expression]]
id = "impacter"
kind = "anglicism"
patterns = ["impacter"]
suggest = ["avoir des conséquences sur", "toucher"]
reason = "anglicisme."
"#;

    #[test]
    fn each_kind_has_its_rule() {
        let d = check_with(G, "Il est entendu que Meta a connu des difficultés.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule, "calque");
        assert_eq!(d[0].suggestions[0].replacement, "Selon nos informations");
        let d = check_with(G, "La hausse impacte les marges.");
        assert_eq!(d[0].rule, "anglicism");
        assert_eq!(d[0].suggestions.len(), 2);
    }

    /// The places of the expressions' hits are found once per document and given to each
    /// rule: the same findings as a search of all the hits by each rule, and a document
    /// checked again with another glossary gets that glossary's findings.
    #[test]
    fn each_rule_finds_its_hits_among_all() {
        use crate::check::Checker;
        use crate::document::Document;
        use crate::glossary::Target;
        use crate::rules::{Context, Rule};
        let text = "Il est entendu que la hausse impacte les marges. Cela impacte tout.";
        let other = G.replace("impacter", "hausse");
        let a = Checker::new(crate::glossary::parse("a.toml", G).unwrap());
        let b = Checker::new(crate::glossary::parse("b.toml", &other).unwrap());
        // The rules' findings, and those of each kind's hits taken from all of them.
        let found = |checker: &Checker, doc: &Document| {
            let cx = Context::new(doc, &checker.glossary, &checker.settings);
            let mut out = Vec::new();
            for r in [&super::CALQUE, &super::ANGLICISM, &super::AWKWARD] {
                r.check(&cx, &mut out);
            }
            let mut expected: Vec<_> = [&super::CALQUE, &super::ANGLICISM, &super::AWKWARD]
                .iter()
                .flat_map(|r| {
                    cx.hits.iter().filter(move |h| match h.target {
                        Target::Expression { expr, .. } => {
                            cx.glossary.glossary.expressions[expr as usize].kind == r.kind
                        }
                        _ => false,
                    })
                })
                .map(|h| h.span())
                .collect();
            expected.dedup();
            assert_eq!(out.iter().map(|d| d.span).collect::<Vec<_>>(), expected);
            out
        };
        let doc = Document::from_str(text);
        let with_a = found(&a, &doc);
        assert_eq!(
            crate::testing::rules_of(&with_a),
            ["calque", "anglicism", "anglicism"]
        );
        // The same document, with the other glossary.
        let with_b = found(&b, &doc);
        assert_eq!(with_b, found(&b, &Document::from_str(text)));
        assert_eq!(crate::testing::rules_of(&with_b), ["calque", "anglicism"]);
    }

    #[test]
    fn unless_protects_legitimate_use() {
        assert!(
            check_with(
                G,
                "Il est entendu entre les parties que le contrat prend fin."
            )
            .is_empty()
        );
    }
}
