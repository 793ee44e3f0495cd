//! The one card: verdict (colour + icon + text), reasons in words, the verified facts.

use leptos::prelude::*;
use yima_core::card::{Card, ForeignView, Source, TestView, TripView};
use yima_core::i18n::{self, Lang};
use yima_core::verdict::CardRow;
use yima_core::words::{test_row, vaccination};
use yima_core::{city, region, Colour, Verdict};

use crate::state::{AppState, Shown};
use crate::i18n_ui::{local_time, tr};
use crate::scan_flow::{close_card, CARD_SECONDS};
use crate::screens::status::venue_name;

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
        let place = format!("{} · {}", venue_name(state), region::name(shown.card.venue.region, lang));
        Some(view! {
            // A dialog over the page (focus, Escape and the announcement: screens/a11y.rs).
            <div class="card-backdrop" role="dialog" aria-modal="true" tabindex="-1" data-testid="card-dialog"
                aria-label=tr(lang, "核验结果", "Scan result") on:click=move |_| close_card(state)>
                {card_body(&shown, lang, place)}
            </div>
        })
    }
}

fn card_body(shown: &Shown, lang: Lang, place: String) -> AnyView {
    let c = &shown.card;
    if let Some(f) = &c.foreign {
        return foreign_body(f, c.demo, lang, place, reasons_list(c, lang)).into_any();
    }
    let v = c.verdict;
    let holder = c.holder.as_ref().map(|h| format!("{}  {}", h.masked_name, h.masked_id));
    // A national channel names itself: "国家政务服务平台 · 广东".
    let issuer = c.issuer_region.map(|r| match &c.channel {
        Some(ch) if ch.national => format!("{} · {}", if lang == Lang::Zh { &ch.name_zh } else { &ch.name_en }, region::name(r, lang)),
        _ => region::name(r, lang),
    });
    let colour = c.colour.map(|col| (colour_class(col), i18n::colour(col, lang)));
    let vacc = c.vaccination.as_ref().map(|v| vaccination(v, lang));
    let sources: Vec<String> = c
        .sources
        .iter()
        .map(|s| match s {
            Source::HealthCode { region: r } => format!("{}{}", region::name(*r, lang), tr(lang, "健康码", " health code")),
            Source::TestReport { region: r } => format!("{}{}", region::name(*r, lang), tr(lang, "纸质检测报告", " paper test report")),
            Source::Itinerary { .. } => tr(lang, "通信行程卡", "itinerary card").to_string(),
        })
        .collect();
    let merged = shown.merged || c.sources.len() > 1;
    // A rejected credential has no verified facts: show only the verdict and reasons.
    let verified = !c.sources.is_empty();
    view! {
        <article class=format!("card verdict-{}", v.code()) data-testid="card" data-merged=merged.to_string()
            data-sources=c.sources.len().to_string()>
            {verdict_header(v, lang)}
            {demo_flag(c.demo, lang)}
            <p class="place">{place}</p>
            {reasons_list(c, lang)}
            {verified.then(|| view! {
                <dl class="facts">
                    {holder.map(|h| view! { <dt>{tr(lang, "持码人", "Holder")}</dt><dd data-testid="holder">{h}</dd> })}
                    {issuer.map(|i| view! { <dt>{tr(lang, "签发地", "Issued by")}</dt><dd data-testid="issuer">{i}</dd> })}
                    {colour.map(|(cls, name)| view! { <dt>{tr(lang, "健康码", "Code")}</dt><dd class=cls data-testid="colour">{name}</dd> })}
                    {test_fact(c.nat.as_ref(), lang, "nat", tr(lang, "核酸", "NAT"), c.alarms(CardRow::Nat))}
                    {test_fact(c.antigen.as_ref(), lang, "antigen", tr(lang, "抗原", "Antigen"), c.alarms(CardRow::Antigen))}
                    {c.itinerary.as_ref().map(|t| trip_row(t, lang, c.alarms(CardRow::Itinerary)))}
                    {vacc.map(|v| view! { <dt>{tr(lang, "疫苗", "Vaccination")}</dt><dd>{v}</dd> })}
                </dl>
                <p class="sources" data-testid="sources">
                    {if merged { tr(lang, "已合并：", "Merged: ") } else { tr(lang, "来源：", "Source: ") }}
                    {sources.join(" + ")}
                </p>
            })}
            {card_end(lang)}
        </article>
    }
    .into_any()
}

/// The reasons in words, worst first, ours and a foreign certificate's alike (core's words keep
/// numbers with their units and dates on one line).
fn reasons_list(card: &Card, lang: Lang) -> impl IntoView {
    view! {
        <ul class="reasons" data-testid="reasons">
            {card.reason_texts(lang).into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
        </ul>
    }
}

/// The verdict banner and the auto-close bar, the same for every card.
fn verdict_header(v: Verdict, lang: Lang) -> impl IntoView {
    view! {
        <header class="verdict" data-testid="verdict" data-verdict=v.code()>
            <span class="verdict-icon" aria-hidden="true">{icon(v)}</span>
            <span class="verdict-text">{i18n::verdict(v, lang)}</span>
        </header>
        // Shrinks to nothing as the card's auto-close time runs out.
        <div class="closing" aria-hidden="true" style=format!("animation-duration:{CARD_SECONDS}s")></div>
    }
}

/// Credentials (or DCC test signers) trusted only through the public demo data.
fn demo_flag(demo: bool, lang: Lang) -> impl IntoView {
    demo.then(|| view! { <p class="demo-flag">{tr(lang, "演示数据 — 非真实凭证", "DEMO data — not a real credential")}</p> })
}

fn card_end(lang: Lang) -> impl IntoView {
    view! {
        <p class="tap-hint">{tr(lang, "轻触任意处关闭", "Tap anywhere to close")}</p>
        // Closes through the backdrop's click handler (the click bubbles up to it).
        <button type="button" class="card-close" data-testid="card-close">{tr(lang, "关闭", "Close")}</button>
    }
}

/// A foreign certificate (EU DCC): judged and worded by the DCC module; shown as given.
fn foreign_body(f: &ForeignView, demo: bool, lang: Lang, place: String, reasons: impl IntoView) -> impl IntoView {
    let v = f.verdict;
    let rows: Vec<_> = f.rows.iter().map(|r| (r.label.text(lang).to_string(), r.value.text(lang).to_string(), r.value.code.clone(), r.alarm)).collect();
    view! {
        <article class=format!("card verdict-{}", v.code()) data-testid="card" data-foreign="dcc">
            {verdict_header(v, lang)}
            {demo_flag(demo, lang)}
            <p class="place">{place}</p>
            {reasons}
            {(!f.rows.is_empty()).then(|| view! {
                <dl class="facts">
                    <dt>{tr(lang, "持证人", "Holder")}</dt><dd data-testid="holder">{f.holder.clone()}</dd>
                    {rows.into_iter().map(|(label, value, id, alarm)| view! {
                        <dt>{label}</dt><dd data-testid=id class:alarm=alarm>{value}</dd>
                    }).collect_view()}
                </dl>
            })}
            <p class="sources" data-testid="sources">
                {tr(lang, "来源：欧盟数字新冠证书", "Source: EU Digital COVID Certificate")}
                {(!f.country.is_empty()).then(|| format!(" ({})", f.country))}
            </p>
            {card_end(lang)}
        </article>
    }
}

fn test_fact(t: Option<&TestView>, lang: Lang, id: &'static str, label: &'static str, alarm: bool) -> impl IntoView {
    let text = t.map_or_else(|| tr(lang, "无记录", "none on record").to_string(), |t| test_row(t, local_time, lang));
    view! {
        <dt>{label}</dt>
        <dd data-testid=id class:alarm=alarm>{text}</dd>
    }
}

/// The 14-day itinerary: cities by name, and the star spelled out (never colour alone).
fn trip_row(t: &TripView, lang: Lang, alarm: bool) -> impl IntoView {
    let star = if t.star { tr(lang, " · ★ 到过中高风险地区所在城市", " · ★ visited a city with risk areas") } else { tr(lang, " · 无星", " · no star") };
    view! {
        <dt>{tr(lang, "14 天行程", "14-day trip")}</dt>
        <dd data-testid="itinerary" data-star=t.star.to_string() class:alarm=alarm>{format!("{}{star}", city::names(&t.cities, lang))}</dd>
    }
}
