//! Floor plans: the outline of each hall and the rectangle of each booth. A hall nobody has
//! drawn yet gets a generated grid, so every fair has a usable plan from its first import.

use std::collections::HashMap;

use sc_domain::fair::{FairId, Hall, HallId};
use sc_floorplan::{BoothShape, HallPlan, PlanError, Point, Rect};
use sqlx::Row;

use crate::{Result, StorageError, Store};

/// A hall with its plan.
#[derive(Debug, Clone)]
pub struct HallWithPlan {
    pub hall: Hall,
    pub plan: HallPlan,
    /// False when the plan is a generated grid.
    pub drawn: bool,
}

/// Why a plan could not be saved: its own problems, or booths with exhibitors left off it.
#[derive(Debug)]
pub enum SavePlanError {
    Invalid(Vec<PlanError>),
    Storage(StorageError),
}

impl From<StorageError> for SavePlanError {
    fn from(e: StorageError) -> Self {
        SavePlanError::Storage(e)
    }
}

impl From<sqlx::Error> for SavePlanError {
    fn from(e: sqlx::Error) -> Self {
        SavePlanError::Storage(e.into())
    }
}

impl Store {
    /// Every hall of a fair with its plan, by hall code.
    pub async fn fair_plans(&self, fair: FairId) -> Result<Vec<HallWithPlan>> {
        let halls = sqlx::query(
            "SELECT id, fair_id, code, name_zh_hant, name_zh_hans, name_en, width_dm, height_dm, entrance_x_dm, entrance_y_dm
             FROM halls WHERE fair_id = $1 ORDER BY code",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        let booths = sqlx::query(
            "SELECT b.hall_id, b.code, b.x_dm, b.y_dm, b.w_dm, b.h_dm FROM booths b JOIN halls h ON h.id = b.hall_id
             WHERE h.fair_id = $1 ORDER BY b.code",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        let mut by_hall: HashMap<HallId, Vec<(String, Option<Rect>)>> = HashMap::new();
        for r in &booths {
            let x: Option<i64> = r.try_get("x_dm")?;
            let rect = match x {
                Some(x) => Some(Rect {
                    x: x as i32,
                    y: r.try_get::<i64, _>("y_dm")? as i32,
                    w: r.try_get::<i64, _>("w_dm")? as i32,
                    h: r.try_get::<i64, _>("h_dm")? as i32,
                }),
                None => None,
            };
            by_hall
                .entry(r.try_get("hall_id")?)
                .or_default()
                .push((r.try_get("code")?, rect));
        }
        let mut out = Vec::with_capacity(halls.len());
        for r in &halls {
            let hall = Hall {
                id: r.try_get("id")?,
                fair_id: r.try_get("fair_id")?,
                code: r.try_get("code")?,
                name: crate::codec::text(r, "name")?,
            };
            let booths = by_hall.remove(&hall.id).unwrap_or_default();
            let width: Option<i64> = r.try_get("width_dm")?;
            let (plan, drawn) = match width {
                Some(width) => (
                    HallPlan {
                        width: width as i32,
                        height: r.try_get::<i64, _>("height_dm")? as i32,
                        entrance: Point {
                            x: r.try_get::<i64, _>("entrance_x_dm")? as i32,
                            y: r.try_get::<i64, _>("entrance_y_dm")? as i32,
                        },
                        booths: booths
                            .into_iter()
                            .filter_map(|(code, rect)| rect.map(|rect| BoothShape { code, rect }))
                            .collect(),
                    },
                    true,
                ),
                None => {
                    let codes: Vec<String> = booths.into_iter().map(|(c, _)| c).collect();
                    (sc_floorplan::grid(&codes), false)
                }
            };
            out.push(HallWithPlan { hall, plan, drawn });
        }
        Ok(out)
    }

    /// Saves a hall's plan all-or-nothing. Booths on the plan that the hall lacks are created
    /// vacant; a booth with an exhibitor that the plan leaves out is an error (its visitors
    /// could not find it). Returns how many booths were created.
    pub async fn save_hall_plan(
        &self,
        hall: HallId,
        plan: &HallPlan,
    ) -> std::result::Result<usize, SavePlanError> {
        plan.check().map_err(SavePlanError::Invalid)?;
        let mut w = self.write().await?;
        let existing =
            sqlx::query("SELECT id, code, organisation_id FROM booths WHERE hall_id = $1")
                .bind(hall)
                .fetch_all(&mut *w.tx)
                .await?;
        let mut missing = Vec::new();
        let mut known: HashMap<String, i64> = HashMap::new();
        for r in &existing {
            let code: String = r.try_get("code")?;
            let org: Option<i64> = r.try_get("organisation_id")?;
            if org.is_some() && plan.booth(&code).is_none() {
                missing.push(
                    PlanError::new(
                        None,
                        "booth",
                        sc_domain::ErrorCode::BoothNotOnPlan,
                        format!("booth {code:?} has an exhibitor but is not on the plan"),
                    )
                    .booths(&code, None),
                );
            }
            known.insert(code, r.try_get("id")?);
        }
        if !missing.is_empty() {
            return Err(SavePlanError::Invalid(missing));
        }
        let n = sqlx::query("UPDATE halls SET width_dm = $1, height_dm = $2, entrance_x_dm = $3, entrance_y_dm = $4 WHERE id = $5")
            .bind(plan.width as i64)
            .bind(plan.height as i64)
            .bind(plan.entrance.x as i64)
            .bind(plan.entrance.y as i64)
            .bind(hall)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        crate::touched(n)?;
        sqlx::query("UPDATE booths SET x_dm = NULL, y_dm = NULL, w_dm = NULL, h_dm = NULL WHERE hall_id = $1")
            .bind(hall)
            .execute(&mut *w.tx)
            .await?;
        let mut created = 0;
        for b in &plan.booths {
            let r = b.rect;
            if let Some(id) = known.get(&b.code) {
                sqlx::query(
                    "UPDATE booths SET x_dm = $1, y_dm = $2, w_dm = $3, h_dm = $4 WHERE id = $5",
                )
                .bind(r.x as i64)
                .bind(r.y as i64)
                .bind(r.w as i64)
                .bind(r.h as i64)
                .bind(*id)
                .execute(&mut *w.tx)
                .await?;
            } else {
                sqlx::query("INSERT INTO booths (hall_id, code, x_dm, y_dm, w_dm, h_dm) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(hall)
                    .bind(b.code.clone())
                    .bind(r.x as i64)
                    .bind(r.y as i64)
                    .bind(r.w as i64)
                    .bind(r.h as i64)
                    .execute(&mut *w.tx)
                    .await?;
                created += 1;
            }
        }
        w.commit().await?;
        Ok(created)
    }
}
