//! Return on the migration: month by month over two years, the added cost
//! of running the chosen platform instead of Compose (from phase 2 on),
//! the extra DevOps engineer of the first year and the migration effort
//! (spread over phases 1-2), against the benefits the guide claims
//! (velocity, fewer incidents), which ramp in with phase 3. The benefits
//! are the guide's claims fed through the table, never measurements.

use crate::costs::CostTable;
use crate::options::PlatformOption;
use serde::Serialize;

/// Months the model runs for.
pub const HORIZON: u32 = 24;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    pub month: u32,
    pub cumulative_cost_eur: f64,
    pub cumulative_benefit_eur: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Roi {
    /// The platform migrated to.
    pub platform: &'static str,
    pub first_year_cost_eur: f64,
    pub first_year_benefit_eur: f64,
    /// (benefit − cost) / cost over the first year, in percent.
    pub first_year_roi_percent: f64,
    /// The first month whose cumulative benefit reaches the cumulative
    /// cost; `None` when that does not happen within [`HORIZON`].
    pub break_even_month: Option<u32>,
    /// The guide's typical break-even month, for comparison.
    pub guide_break_even_month: f64,
    pub months: Vec<Month>,
}

/// How much of the benefit a month sees: none while containerising and
/// orchestrating (months 1-4), half while optimising (5-6), all after.
fn ramp(month: u32) -> f64 {
    match month {
        0..=4 => 0.0,
        5..=6 => 0.5,
        _ => 1.0,
    }
}

/// `None` without a team size: the velocity benefit scales with it.
pub fn roi(
    costs: &CostTable,
    compose: &PlatformOption,
    target: &PlatformOption,
    team_size: Option<u32>,
    devops_extra: f64,
) -> Option<Roi> {
    let team = f64::from(team_size?);
    let velocity = team * costs.get("engineer-eur-month") * costs.get("velocity-gain");
    let incidents = costs.get("incidents-per-month")
        * costs.get("incident-cost-eur")
        * costs.get("incident-reduction");
    let one_off = costs.get("migration-person-months") * costs.get("engineer-eur-month");
    let fte_month = costs.get("devops-fte-eur-year") * devops_extra / 12.0;
    let increment = target.monthly_cost_eur - compose.monthly_cost_eur;
    let (mut cost, mut benefit) = (0.0, 0.0);
    let mut months = Vec::new();
    let mut break_even = None;
    for m in 1..=HORIZON {
        if m <= 4 {
            cost += one_off / 4.0;
        }
        if m >= 3 {
            cost += increment;
        }
        if m <= 12 {
            cost += fte_month;
        }
        benefit += (velocity + incidents) * ramp(m);
        if break_even.is_none() && benefit >= cost && benefit > 0.0 {
            break_even = Some(m);
        }
        months.push(Month {
            month: m,
            cumulative_cost_eur: cost,
            cumulative_benefit_eur: benefit,
        });
    }
    let year = &months[11];
    let roi_percent = if year.cumulative_cost_eur > 0.0 {
        (year.cumulative_benefit_eur - year.cumulative_cost_eur) / year.cumulative_cost_eur * 100.0
    } else {
        0.0
    };
    Some(Roi {
        platform: target.platform,
        first_year_cost_eur: year.cumulative_cost_eur,
        first_year_benefit_eur: year.cumulative_benefit_eur,
        // One decimal: the inputs are estimates, more digits are noise.
        first_year_roi_percent: (roi_percent * 10.0).round() / 10.0,
        break_even_month: break_even,
        guide_break_even_month: costs.get("break-even-month-claim"),
        months,
    })
}
