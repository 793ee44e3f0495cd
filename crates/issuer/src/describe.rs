//! The JSON description a credential is issued from: readable names and full values; the tool
//! masks the name and ID and binds the holder under the national binding key.

use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use yima_core::Time;
use yima_core::{Claims, Colour, HealthCode, Itinerary, Provenance, TestKind, TestOutcome, TestReport, TestResult, Trip, Vaccination};
use yima_issue::BindingKey;

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Description {
    HealthCode {
        region: u32,
        colour: Colour,
        name: String,
        id_number: String,
        /// Default: now.
        issued_at: Option<Time>,
        /// Default: 3 minutes (codes are dynamic).
        #[serde(default = "three")]
        valid_minutes: i64,
        nat: Option<TestDescription>,
        antigen: Option<TestDescription>,
        vaccination: Option<VaccinationDescription>,
        /// The 14-day itinerary carried inline.
        itinerary: Option<TripDescription>,
    },
    TestReport {
        region: u32,
        name: String,
        id_number: String,
        issued_at: Option<Time>,
        #[serde(default = "seven")]
        valid_days: i64,
        result: TestDescription,
    },
    /// A 14-day itinerary card (行程卡), dynamic like the health code.
    Itinerary {
        region: u32,
        name: String,
        id_number: String,
        issued_at: Option<Time>,
        #[serde(default = "three")]
        valid_minutes: i64,
        /// GB/T 2260 city codes visited in the last 14 days.
        cities: Vec<u32>,
        #[serde(default)]
        star: bool,
    },
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct TripDescription {
    /// GB/T 2260 city codes visited in the last 14 days.
    pub cities: Vec<u32>,
    #[serde(default)]
    pub star: bool,
}

impl TripDescription {
    fn trip(&self) -> Trip {
        Trip { cities: self.cities.clone(), star: self.star }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestDescription {
    /// nat or antigen (for reports; health codes know from the field name).
    pub test: Option<TestKind>,
    pub result: TestOutcome,
    /// Either a time or hours before now.
    pub reported_at: Option<Time>,
    pub reported_hours_ago: Option<i64>,
    /// Default: 6 h before the report.
    pub sampled_at: Option<Time>,
    pub institution: String,
    pub institution_region: u32,
    /// institution (default) or self_test (uploaded by the holder).
    #[serde(default)]
    pub provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaccinationDescription {
    pub doses: u8,
    pub last_dose: NaiveDate,
}

fn three() -> i64 {
    3
}
fn seven() -> i64 {
    7
}

impl TestDescription {
    fn result(&self, kind: TestKind, now: Time) -> TestResult {
        let reported_at = self.reported_at.unwrap_or(now - Duration::hours(self.reported_hours_ago.unwrap_or(0)));
        TestResult {
            kind: self.test.unwrap_or(kind),
            outcome: self.result,
            sampled_at: self.sampled_at.unwrap_or(reported_at - Duration::hours(6)),
            reported_at,
            institution: self.institution.clone(),
            institution_region: self.institution_region,
            provenance: self.provenance,
        }
    }
}

impl Description {
    /// The claims at `now`, carrying the credential identifier `uid`, the holder bound under `binding`.
    pub fn claims(&self, now: Time, uid: [u8; 16], binding: &BindingKey) -> Claims {
        match self {
            Description::HealthCode { region, colour, name, id_number, issued_at, valid_minutes, nat, antigen, vaccination, itinerary } => {
                let issued_at = issued_at.unwrap_or(now);
                Claims::HealthCode(HealthCode {
                    region: *region,
                    issued_at,
                    expires_at: issued_at + Duration::minutes(*valid_minutes),
                    colour: *colour,
                    holder: binding.holder(name, id_number),
                    nat: nat.as_ref().map(|t| t.result(TestKind::Nat, now)),
                    antigen: antigen.as_ref().map(|t| t.result(TestKind::Antigen, now)),
                    vaccination: vaccination.as_ref().map(|v| Vaccination { doses: v.doses, last_dose: v.last_dose }),
                    uid: Some(uid),
                    itinerary: itinerary.as_ref().map(TripDescription::trip),
                })
            }
            Description::TestReport { region, name, id_number, issued_at, valid_days, result } => {
                let result = result.result(TestKind::Nat, now);
                let issued_at = issued_at.unwrap_or(result.reported_at);
                Claims::TestReport(TestReport {
                    region: *region,
                    issued_at,
                    expires_at: issued_at + Duration::days(*valid_days),
                    holder: binding.holder(name, id_number),
                    result,
                    uid: Some(uid),
                })
            }
            Description::Itinerary { region, name, id_number, issued_at, valid_minutes, cities, star } => {
                let issued_at = issued_at.unwrap_or(now);
                Claims::Itinerary(Itinerary {
                    region: *region,
                    issued_at,
                    expires_at: issued_at + Duration::minutes(*valid_minutes),
                    holder: binding.holder(name, id_number),
                    trip: Trip { cities: cities.clone(), star: *star },
                    uid: Some(uid),
                })
            }
        }
    }
}
