//! Photos of products and organisations, both renditions stored in the database.

use sc_domain::ErrorCode;
use sc_domain::listing::ListingId;
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sqlx::Row;

use crate::{Result, StorageError, Store, now_ms, touched};

/// At most this many photos per product or organisation.
pub const MAX_IMAGES: i64 = 12;

/// What an image belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageOwner {
    Listing(ListingId),
    Organisation(OrgId),
}

#[derive(Debug, Clone)]
pub struct ImageInfo {
    pub id: i64,
    pub owner: ImageOwner,
    pub width: i64,
    pub height: i64,
    pub digest: String,
}

pub struct NewImage {
    pub width: u32,
    pub height: u32,
    pub digest: String,
    pub display: Vec<u8>,
    pub thumb: Vec<u8>,
}

fn info(r: &sqlx::any::AnyRow) -> Result<ImageInfo> {
    let listing: Option<i64> = r.try_get("listing_id")?;
    let org: Option<i64> = r.try_get("organisation_id")?;
    let owner = match (listing, org) {
        (Some(l), _) => ImageOwner::Listing(l),
        (None, Some(o)) => ImageOwner::Organisation(o),
        (None, None) => return Err(StorageError::Corrupt("an image without an owner".into())),
    };
    Ok(ImageInfo {
        id: r.try_get("id")?,
        owner,
        width: r.try_get("width")?,
        height: r.try_get("height")?,
        digest: r.try_get("digest")?,
    })
}

impl Store {
    pub async fn add_image(
        &self,
        owner: ImageOwner,
        img: &NewImage,
        by: UserId,
    ) -> Result<ImageInfo> {
        let (listing, org) = match owner {
            ImageOwner::Listing(l) => (Some(l), None),
            ImageOwner::Organisation(o) => (None, Some(o)),
        };
        let mut w = self.write().await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM images WHERE ($1 = 0 OR listing_id = $1) AND ($2 = 0 OR (organisation_id = $2 AND listing_id IS NULL))",
        )
        .bind(listing.unwrap_or(0))
        .bind(org.unwrap_or(0))
        .fetch_one(&mut *w.tx)
        .await?;
        if n >= MAX_IMAGES {
            return Err(StorageError::Conflict {
                code: ErrorCode::TooManyImages,
                message: format!("at most {MAX_IMAGES} photos each"),
            });
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO images (organisation_id, listing_id, width, height, digest, display, thumb, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(org)
        .bind(listing)
        .bind(img.width as i64)
        .bind(img.height as i64)
        .bind(img.digest.clone())
        .bind(img.display.clone())
        .bind(img.thumb.clone())
        .bind(by)
        .bind(now_ms())
        .fetch_one(&mut *w.tx)
        .await?;
        w.commit().await?;
        self.image(id).await
    }

    pub async fn image(&self, id: i64) -> Result<ImageInfo> {
        let r = sqlx::query("SELECT id, organisation_id, listing_id, width, height, digest FROM images WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        info(&r)
    }

    /// The bytes of one rendition (`thumb` or the display one).
    pub async fn image_bytes(&self, id: i64, thumb: bool) -> Result<Vec<u8>> {
        let sql = if thumb {
            "SELECT thumb AS b FROM images WHERE id = $1"
        } else {
            "SELECT display AS b FROM images WHERE id = $1"
        };
        let r = sqlx::query(sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        Ok(r.try_get("b")?)
    }

    /// Photos of an owner, oldest first (the first is the cover).
    pub async fn images_of(&self, owner: ImageOwner) -> Result<Vec<ImageInfo>> {
        let rows = match owner {
            ImageOwner::Listing(l) => sqlx::query("SELECT id, organisation_id, listing_id, width, height, digest FROM images WHERE listing_id = $1 ORDER BY id")
                .bind(l)
                .fetch_all(self.pool())
                .await?,
            ImageOwner::Organisation(o) => sqlx::query("SELECT id, organisation_id, listing_id, width, height, digest FROM images WHERE organisation_id = $1 AND listing_id IS NULL ORDER BY id")
                .bind(o)
                .fetch_all(self.pool())
                .await?,
        };
        rows.iter().map(info).collect()
    }

    /// The first photo of each listing in `ids` that has one.
    pub async fn covers(
        &self,
        ids: &[ListingId],
    ) -> Result<std::collections::HashMap<ListingId, ImageInfo>> {
        let mut out = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q = crate::query::Query::new(
            "SELECT id, organisation_id, listing_id, width, height, digest FROM images WHERE listing_id IN ",
        );
        q.bind_list(ids);
        q.push(" ORDER BY id");
        for r in sqlx::query_with(sqlx::AssertSqlSafe(q.sql.clone()), q.arguments())
            .fetch_all(self.pool())
            .await?
        {
            let i = info(&r)?;
            if let ImageOwner::Listing(l) = i.owner {
                out.entry(l).or_insert(i);
            }
        }
        Ok(out)
    }

    pub async fn delete_image(&self, id: i64) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query("DELETE FROM images WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit().await
    }
}
