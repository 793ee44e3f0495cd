//! `yima-issuer`: the endpoint operator's tool. Makes keys, signs trust lists and policies,
//! issues credentials and renders them, writes the demo endpoint, decodes QR images with the
//! app's own pipeline, and shows what the app decides for a QR text (`verify`).

mod cmd;
mod describe;
mod keyfile;
mod render;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "yima-issuer", version, about)]
struct Cli {
    #[command(subcommand)]
    cmd: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Make an Ed25519 key (root or issuer) and write it as a key file.
    Keygen(cmd::keys::KeygenArgs),
    /// Print a trust-list entry (JSON) for an issuer key file, or with --dcc-cert for an EU DCC signer certificate.
    TrustEntry(cmd::keys::EntryArgs),
    /// Root-sign a trust list (keys.json) from its JSON content.
    SignTrustList(cmd::sign::Args),
    /// Root-sign venue policies (policies.json) from their JSON content.
    SignPolicies(cmd::sign::Args),
    /// Build and root-sign the revocation files (full list + delta) from a list of revoked credentials.
    Revoke(cmd::revoke::Args),
    /// Issue a credential from a JSON description and print its QR text.
    Issue(cmd::issue::Args),
    /// Render QR text as PNG and/or a .y4m video (for Chromium's fake camera).
    Render(cmd::render::Args),
    /// Show every stage of a QR text in hex (nothing is verified).
    Inspect(cmd::inspect::Args),
    /// Write a complete demo endpoint with sample credentials.
    Demo(cmd::demo::Args),
    /// Decode QR codes in image files with the app's pipeline.
    Decode(cmd::decode::Args),
    /// Generate the synthetic camera corpus.
    Synth(cmd::synth::Args),
    /// Run Yima's HC1 pipeline over EU dgc-testdata files (one JSON line per file).
    DgcTest(cmd::dgc_test::Args),
    /// Show what the app decides for QR text(s) at a venue (several texts: one gate session).
    Verify(cmd::verify::Args),
}

/// An error is one line (its causes joined), exit code 1: never a backtrace, even with
/// RUST_BACKTRACE set, so a refused file does not look like a crash.
fn main() -> std::process::ExitCode {
    match run(Cli::parse().cmd) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("yima-issuer: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Keygen(a) => cmd::keys::keygen(a),
        Command::TrustEntry(a) => cmd::keys::entry(a),
        Command::SignTrustList(a) => cmd::sign::run::<yima_core::TrustList>(a),
        Command::SignPolicies(a) => cmd::sign::run::<yima_core::PolicySet>(a),
        Command::Revoke(a) => cmd::revoke::run(a),
        Command::Issue(a) => cmd::issue::run(a),
        Command::Render(a) => cmd::render::run(a),
        Command::Inspect(a) => cmd::inspect::run(a),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Decode(a) => cmd::decode::run(a),
        Command::Synth(a) => cmd::synth::run(a),
        Command::DgcTest(a) => cmd::dgc_test::run(a),
        Command::Verify(a) => cmd::verify::run(a),
    }
}
