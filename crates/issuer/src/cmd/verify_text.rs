//! The text form of `verify`: the card's fields as the screen shows them (masked), zh and en,
//! in the app's words (`yima_core`'s words.rs) with plain spaces and hyphens.

use std::fmt::Write;

use yima_core::Lang;
use yima_core::{city_names, colour_text, region_name, Card};
use yima_core::{plain_text as plain, reason_text, test_row_text as test_row, vaccination_text as vaccination};
use yima_core::{verdict_text, Source, TestView};

fn both(f: impl Fn(Lang) -> String) -> String {
    plain(&format!("{} / {}", f(Lang::Zh), f(Lang::En)))
}

fn test(t: &TestView) -> String {
    both(|l| test_row(t, |at| at.to_rfc3339(), l))
}

/// One `label  value` line per field the card has.
pub fn render(card: &Card, merged: bool) -> String {
    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        let _ = writeln!(out, "{label:<10}{value}");
    };
    line("verdict", format!("{} ({})", card.verdict.code(), both(|l| verdict_text(card.verdict, l))));
    for r in card.shown_reasons() {
        line("reason", format!("{}: {}", r.code(), both(|l| reason_text(r, l))));
    }
    if let Some(f) = &card.foreign {
        line("holder", f.holder.clone());
        for r in &f.rows {
            let label = r.label.code.strip_prefix("dcc-").unwrap_or(&r.label.code);
            line(label, format!("{}{}", both(|l| r.value.text(l).to_string()), if r.alarm { " (!)" } else { "" }));
        }
    }
    if let Some(h) = &card.holder {
        line("holder", format!("{} {}", h.masked_name, h.masked_id));
    }
    if let Some(c) = &card.channel {
        let scope = if c.national { "national" } else { "province" };
        line("channel", format!("{} / {} ({scope})", c.name_zh, c.name_en));
    }
    if let Some(r) = card.issuer_region {
        line("region", both(|l| region_name(r, l)));
    }
    if let (Some(c), Some(at)) = (card.colour, card.code_issued_at) {
        line("code", format!("{}, issued {}", both(|l| colour_text(c, l)), at.to_rfc3339()));
    }
    if let Some(t) = &card.nat {
        line("nat", test(t));
    }
    if let Some(t) = &card.antigen {
        line("antigen", test(t));
    }
    if let Some(t) = &card.itinerary {
        let star = if t.star { " ★" } else { "" };
        line("itinerary", format!("{}{star}, as of {}", both(|l| city_names(&t.cities, l)), t.as_of.to_rfc3339()));
    }
    if let Some(v) = &card.vaccination {
        line("vaccine", both(|l| vaccination(v, l)));
    }
    let sources: Vec<String> = card
        .sources
        .iter()
        .map(|s| match s {
            Source::HealthCode { region } => format!("health_code {region}"),
            Source::TestReport { region } => format!("test_report {region}"),
            Source::Itinerary { region } => format!("itinerary {region}"),
        })
        .collect();
    if !sources.is_empty() {
        line(if merged { "merged" } else { "source" }, sources.join(" + "));
    }
    line(
        "venue",
        format!(
            "{} @ {}, at {}{}",
            card.venue.venue,
            card.venue.region,
            card.evaluated_at.to_rfc3339(),
            if card.demo { " (DEMO data)" } else { "" }
        ),
    );
    out
}
