//! The one card: verdict (colour + icon + text), reasons in words, the verified facts.

use leptos::prelude::*;
use yima_core::CardRow;
use yima_core::Lang;
use yima_core::{city_names, colour_text, region_name, verdict_text, ForeignView, Source, TestView, TripView};
use yima_core::{test_row_text as test_row, vaccination_text as vaccination};
use yima_core::{Colour, Verdict};

use crate::i18n_ui::{local_time, tr};
use crate::scan_flow::{close_card, CARD_SECONDS};
use crate::screens::status::venue_name;
use crate::state::{AppState, Shown};

fn colour_class(c: Colour) -> &'static str {
    match c {
        Colour::Green => "colour-green",
        Colour::Yellow => "colour-yellow",
        Colour::Red => "colour-red",
    }
}

fn icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "✔",
        Verdict::Deny => "✖",
        Verdict::Check => "?",
    }
}

#[component]
pub fn CardView() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let shown = state.card.get()?;
        let lang = state.lang();
        let place = format!("{} · {}", venue_name(state), region_name(shown.card.venue.region, lang));
        Some(view! {
            // A dialog over the page (focus, Escape and the announcement: screens/a11y.rs).
            <div class="card-backdrop" role="dialog" aria-modal="true" tabindex="-1" data-testid="card-dialog"
                aria-label=tr(lang, "核验结果", "Scan result") on:click=move |_| close_card(state)>
                {card_body(&shown, lang, place)}
            </div>
        })
    }
}

/// One fact: label, value, test id, and the value's class ("alarm" when a reason marks it).
type Fact = (String, String, String, &'static str);

fn alarm(on: bool) -> &'static str {
    if on {
        "alarm"
    } else {
        ""
    }
}

/// Every card, ours and a foreign certificate's alike: verdict, reasons, facts, sources.
fn card_body(shown: &Shown, lang: Lang, place: String) -> impl IntoView {
    let c = &shown.card;
    let v = c.verdict;
    let (facts, sources) = match &c.foreign {
        Some(f) => foreign_facts(f, lang),
        None => our_facts(shown, lang),
    };
    let merged = shown.merged || c.sources.len() > 1;
    view! {
        <article class=format!("card verdict-{}", v.code()) data-testid="card" data-merged=merged.to_string()
            data-sources=c.sources.len().to_string()>
            <header class="verdict" data-testid="verdict" data-verdict=v.code()>
                <span class="verdict-icon" aria-hidden="true">{icon(v)}</span>
                <span class="verdict-text">{verdict_text(v, lang)}</span>
            </header>
            // Shrinks to nothing as the card's auto-close time runs out.
            <div class="closing" aria-hidden="true" style:animation-duration=format!("{CARD_SECONDS}s")></div>
            // Credentials (or DCC test signers) trusted only through the public demo data.
            {c.demo.then(|| view! { <p class="demo-flag">{tr(lang, "演示数据 — 非真实凭证", "DEMO data — not a real credential")}</p> })}
            <p class="place">{place}</p>
            <ul class="reasons" data-testid="reasons">
                {yima_core::reason_texts(c, lang).into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
            // A rejected credential has no verified facts: only the verdict and reasons.
            {(!facts.is_empty()).then(|| view! {
                <dl class="facts">
                    {facts.into_iter().map(|(label, value, id, class)| view! { <dt>{label}</dt><dd data-testid=id class=class>{value}</dd> }).collect_view()}
                </dl>
            })}
            {sources.map(|s| view! { <p class="sources" data-testid="sources">{s}</p> })}
            <p class="tap-hint">{tr(lang, "轻触任意处关闭", "Tap anywhere to close")}</p>
            // Closes through the backdrop's click handler (the click bubbles up to it).
            <button type="button" class="card-close" data-testid="card-close">{tr(lang, "关闭", "Close")}</button>
        </article>
    }
}

/// Our card's facts (none for a rejected credential) and where they came from.
fn our_facts(shown: &Shown, lang: Lang) -> (Vec<Fact>, Option<String>) {
    let c = &shown.card;
    if c.sources.is_empty() {
        return (Vec::new(), None);
    }
    let mut facts: Vec<Fact> = Vec::new();
    let mut fact = |label: &str, value: String, id: &str, class: &'static str| facts.push((label.into(), value, id.into(), class));
    if let Some(h) = &c.holder {
        fact(tr(lang, "持码人", "Holder"), format!("{}  {}", h.masked_name, h.masked_id), "holder", "");
    }
    // A national channel names itself: "国家政务服务平台 · 广东".
    if let Some(r) = c.issuer_region {
        let issuer = match &c.channel {
            Some(ch) if ch.national => format!("{} · {}", if lang == Lang::Zh { &ch.name_zh } else { &ch.name_en }, region_name(r, lang)),
            _ => region_name(r, lang),
        };
        fact(tr(lang, "签发地", "Issued by"), issuer, "issuer", "");
    }
    if let Some(col) = c.colour {
        fact(tr(lang, "健康码", "Code"), colour_text(col, lang), "colour", colour_class(col));
    }
    let test = |t: Option<&TestView>| t.map_or_else(|| tr(lang, "无记录", "none on record").to_string(), |t| test_row(t, local_time, lang));
    fact(tr(lang, "核酸", "NAT"), test(c.nat.as_ref()), "nat", alarm(c.alarms(CardRow::Nat)));
    fact(tr(lang, "抗原", "Antigen"), test(c.antigen.as_ref()), "antigen", alarm(c.alarms(CardRow::Antigen)));
    if let Some(t) = &c.itinerary {
        fact(tr(lang, "14 天行程", "14-day trip"), trip(t, lang), "itinerary", alarm(c.alarms(CardRow::Itinerary)));
    }
    if let Some(v) = &c.vaccination {
        fact(tr(lang, "疫苗", "Vaccination"), vaccination(v, lang), "vaccination", "");
    }
    let sources: Vec<String> = c
        .sources
        .iter()
        .map(|s| match s {
            Source::HealthCode { region: r } => format!("{}{}", region_name(*r, lang), tr(lang, "健康码", " health code")),
            Source::TestReport { region: r } => format!("{}{}", region_name(*r, lang), tr(lang, "纸质检测报告", " paper test report")),
            Source::Itinerary { .. } => tr(lang, "通信行程卡", "itinerary card").to_string(),
        })
        .collect();
    let merged = shown.merged || c.sources.len() > 1;
    let said = if merged { tr(lang, "已合并：", "Merged: ") } else { tr(lang, "来源：", "Source: ") };
    (facts, Some(format!("{said}{}", sources.join(" + "))))
}

/// A foreign certificate's facts (EU DCC), worded by the DCC module and shown as given.
fn foreign_facts(f: &ForeignView, lang: Lang) -> (Vec<Fact>, Option<String>) {
    let mut facts: Vec<Fact> = Vec::new();
    if !f.rows.is_empty() {
        facts.push((tr(lang, "持证人", "Holder").into(), f.holder.clone(), "holder".into(), ""));
        facts.extend(f.rows.iter().map(|r| (r.label.text(lang).into(), r.value.text(lang).into(), r.value.code.clone(), alarm(r.alarm))));
    }
    let country = if f.country.is_empty() { String::new() } else { format!(" ({})", f.country) };
    (facts, Some(format!("{}{country}", tr(lang, "来源：欧盟数字新冠证书", "Source: EU Digital COVID Certificate"))))
}

/// The 14-day itinerary: cities by name, and the star spelled out (never colour alone).
fn trip(t: &TripView, lang: Lang) -> String {
    let star = if t.star {
        tr(lang, " · ★ 到过中高风险地区所在城市", " · ★ visited a city with risk areas")
    } else {
        tr(lang, " · 无星", " · no star")
    };
    format!("{}{star}", city_names(&t.cities, lang))
}
