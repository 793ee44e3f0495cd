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

/// Runs `f` with the audio context, creating it first if needed. Created on first use, not at
/// start-up: creating one costs tens of milliseconds of main thread (about 80 ms at 4× CPU
/// throttling, the largest part of the app's start-up task).
fn with_audio(f: impl FnOnce(&AudioContext)) {
    // try_borrow: a re-entrant call (an audio event during `f`) is skipped, never a panic.
    let ctx = AUDIO.with(|cell| {
        let mut slot = cell.try_borrow_mut().ok()?;
        if slot.is_none() {
            *slot = AudioContext::new().ok();
        }
        slot.clone()
    });
    if let Some(ctx) = ctx {
        f(&ctx);
    }
}

/// Creates (or resumes) the audio context on the first tap or key press, since browsers only
/// allow sound after a gesture, so that the first verdict's sound is ready.
pub fn warm_up() {
    let resume = || {
        with_audio(|ctx| {
            let _ = ctx.resume();
        })
    };
    let a = leptos::prelude::window_event_listener(leptos::ev::pointerdown, move |_| resume());
    let b = leptos::prelude::window_event_listener(leptos::ev::keydown, move |_| resume());
    // Kept for the page's lifetime: a resumed context may be suspended again by the browser.
    std::mem::forget((a, b));
}

/// Plays the verdict's tones. With no audio context yet (no tap or key press so far), it is
/// created once the card has been painted rather than before.
pub fn play(v: Verdict) {
    if AUDIO.with(|cell| cell.try_borrow().is_ok_and(|a| a.is_none())) {
        use leptos::prelude::{request_animation_frame, set_timeout};
        request_animation_frame(move || set_timeout(move || tones_now(v), std::time::Duration::ZERO));
    } else {
        tones_now(v);
    }
}

fn tones_now(v: Verdict) {
    with_audio(|ctx| {
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

/// Vibrates where the device can (feature-detected: `web_api::vibrate`).
pub fn vibrate(v: Verdict) {
    crate::web_api::vibrate(vibration(v));
}
