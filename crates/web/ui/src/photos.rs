//! A photo as the pages show it (the shared `_photos.html` partial).

use sc_app::ImageInfo;

/// A photo as pages show it.
pub struct PhotoView {
    pub id: i64,
    pub src: String,
    pub thumb: String,
    pub width: i64,
    pub height: i64,
}

pub fn view(i: &ImageInfo) -> PhotoView {
    PhotoView {
        id: i.id,
        src: format!("/images/{}/{}", i.id, i.digest),
        thumb: format!("/images/{}/{}/thumb", i.id, i.digest),
        width: i.width,
        height: i.height,
    }
}
