//! Photos of listings and organisations: checked by content and re-encoded (sc-media), kept in
//! the database, shown to whoever may see their owner.

use sc_access::Action;
use sc_domain::ErrorCode;
use sc_storage::{ImageInfo, ImageOwner, NewImage};

use crate::{App, Caller, Error, Result};

/// Why an upload was refused, as a stable code (`image_too_large`, `not_an_image`, …).
pub fn media_error_code(e: &sc_media::MediaError) -> sc_domain::ErrorCode {
    match e {
        sc_media::MediaError::TooLarge => ErrorCode::ImageTooLarge,
        sc_media::MediaError::TooManyPixels => ErrorCode::ImageTooManyPixels,
        sc_media::MediaError::Empty | sc_media::MediaError::NotAnImage => ErrorCode::NotAnImage,
        sc_media::MediaError::Damaged(_) => ErrorCode::ImageDamaged,
    }
}

impl App {
    /// Who may change an owner's photos, as the rule book says.
    async fn may_edit_photos(&self, caller: &Caller, owner: ImageOwner) -> Result<()> {
        match owner {
            ImageOwner::Listing(id) => {
                let l = self.store.listing(id).await?;
                caller.may(Action::UpdateListing { owner: l.owner })?;
            }
            ImageOwner::Organisation(org) => {
                self.store.organisation(org).await?;
                caller.may(Action::UpdateOrganisation { org })?;
            }
        }
        Ok(())
    }

    /// May the caller add photos to `owner`? (Checked before an upload is read at all.)
    pub async fn check_photo_editor(&self, caller: &Caller, owner: ImageOwner) -> Result<()> {
        self.may_edit_photos(caller, owner).await
    }

    /// Adds a photo: decoded within bounds, re-encoded without metadata. A refused picture is
    /// `Error::Conflict` with the reason's code.
    pub async fn add_photo(
        &self,
        caller: &Caller,
        owner: ImageOwner,
        file: Vec<u8>,
    ) -> Result<ImageInfo> {
        self.may_edit_photos(caller, owner).await?;
        let by = caller.account()?.id;
        // Decoding and resizing take milliseconds of CPU: off the async workers.
        let prepared = tokio::task::spawn_blocking(move || sc_media::prepare(&file))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        let p = prepared.map_err(|e| Error::Conflict {
            code: media_error_code(&e),
            detail: e.to_string(),
        })?;
        let img = NewImage {
            width: p.width,
            height: p.height,
            digest: p.digest,
            display: p.display,
            thumb: p.thumb,
        };
        Ok(self.store.add_image(owner, &img, by).await?)
    }

    /// Removes a photo; the owner it belonged to.
    pub async fn delete_photo(&self, caller: &Caller, id: i64) -> Result<ImageOwner> {
        let img = self.store.image(id).await?;
        self.may_edit_photos(caller, img.owner).await?;
        self.store.delete_image(id).await?;
        Ok(img.owner)
    }

    /// The photos of an owner the caller can see.
    pub async fn photos(&self, owner: ImageOwner) -> Result<Vec<ImageInfo>> {
        Ok(self.store.images_of(owner).await?)
    }

    /// A photo's JPEG (display size or thumbnail), for whoever may see its owner; `digest`
    /// must name this version.
    pub async fn photo(
        &self,
        caller: &Caller,
        id: i64,
        digest: &str,
        thumb: bool,
    ) -> Result<(ImageInfo, Vec<u8>)> {
        let img = self.photo_info(caller, id, digest).await?;
        let bytes = self.store.image_bytes(id, thumb).await?;
        Ok((img, bytes))
    }

    /// Only the metadata, for answering a conditional request without reading the bytes.
    pub async fn photo_info(&self, caller: &Caller, id: i64, digest: &str) -> Result<ImageInfo> {
        let img = self.store.image(id).await?;
        if img.digest != digest {
            return Err(Error::NotFound);
        }
        if let ImageOwner::Listing(l) = img.owner {
            let l = self.store.listing(l).await?;
            caller.may(Action::ReadListing {
                owner: l.owner,
                status: l.status,
            })?;
        }
        Ok(img)
    }
}
