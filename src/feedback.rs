//! A distinct sound (Web Audio) and vibration per verdict.

use std::cell::RefCell;

use web_sys::{AudioContext, OscillatorType};
use yima_core::Verdict;

thread_local! {
    static AUDIO: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
}

/// Tones as (frequency Hz, start s, length s): pass = two rising beeps, check = three even
/// beeps, deny = one long low buzz.
fn tones(v: Verdict) -> (&'static [(f32, f64, f64)], OscillatorType) {
    match v {
        Verdict::Pass => (&[(880.0, 0.0, 0.12), (1320.0, 0.15, 0.18)], OscillatorType::Sine),
        Verdict::Check => (&[(660.0, 0.0, 0.1), (660.0, 0.18, 0.1), (660.0, 0.36, 0.1)], OscillatorType::Triangle),
        Verdict::Deny => (&[(220.0, 0.0, 0.6)], OscillatorType::Square),
    }
}

fn vibration(v: Verdict) -> &'static [u32] {
    match v {
        Verdict::Pass => &[60],
        Verdict::Check => &[80, 80, 80, 80, 80],
        Verdict::Deny => &[400, 100, 400],
    }
}

/// Creates the audio context ahead of the first verdict (creating it costs tens of ms), and
/// resumes it on the first tap or key press, since browsers only allow sound after a gesture.
pub fn warm_up() {
    AUDIO.with(|cell| {
        if cell.borrow().is_none() {
            *cell.borrow_mut() = AudioContext::new().ok();
        }
    });
    let resume = || AUDIO.with(|c| {
        if let Some(ctx) = c.borrow().as_ref() {
            let _ = ctx.resume();
        }
    });
    let a = leptos::prelude::window_event_listener(leptos::ev::pointerdown, move |_| resume());
    let b = leptos::prelude::window_event_listener(leptos::ev::keydown, move |_| resume());
    // Kept for the page's lifetime: a resumed context may be suspended again by the browser.
    std::mem::forget((a, b));
}

pub fn play(v: Verdict) {
    AUDIO.with(|cell| {
        let cell = cell.borrow();
        let Some(ctx) = cell.as_ref() else { return };
        let _ = ctx.resume();
        let (notes, kind) = tones(v);
        let t0 = ctx.current_time();
        for &(freq, start, len) in notes {
            let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else { return };
            osc.set_type(kind);
            osc.frequency().set_value(freq);
            gain.gain().set_value(0.25);
            if osc.connect_with_audio_node(&gain).is_err() || gain.connect_with_audio_node(&ctx.destination()).is_err() {
                return;
            }
            let _ = osc.start_with_when(t0 + start);
            let _ = osc.stop_with_when(t0 + start + len);
        }
    });
}

pub fn vibrate(v: Verdict) {
    if let Some(w) = web_sys::window() {
        let pattern: js_sys::Array = vibration(v).iter().map(|&ms| wasm_bindgen::JsValue::from(ms)).collect();
        let _ = w.navigator().vibrate_with_pattern(&pattern);
    }
}
