//! Private health reads: record one, read a person's history.

use chrono::NaiveDate;

use super::OpsError;
use crate::domain::health::{FlightRisk, HealthFields, HealthRead};
use crate::store::{Store, health, people};

/// Records a read of `person_id` on `date`; morale 1 to 5.
pub fn add_health_read(
    store: &mut Store,
    person_id: i64,
    date: NaiveDate,
    morale: i64,
    flight_risk: FlightRisk,
    note: &str,
) -> Result<i64, OpsError> {
    let fields = HealthFields::new(date, morale, flight_risk, note)?;
    store.write(|tx| -> Result<i64, OpsError> {
        people::get(tx, person_id)?
            .ok_or_else(|| OpsError::NotFound(format!("no person with id {person_id}")))?;
        super::person_delete::refuse_if_deleting(tx, person_id)?;
        Ok(health::insert(tx, person_id, &fields)?)
    })
}

/// A person's reads, newest first.
pub fn health_history(store: &Store, person_id: i64) -> Result<Vec<HealthRead>, OpsError> {
    Ok(health::for_person(store.conn(), person_id)?)
}
