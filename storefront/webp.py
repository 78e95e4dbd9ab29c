"""WebP thumbnails beside the originals' format, for browsers that accept them.

versatileimagefield names a thumbnail after its original (same extension);
this sizer, ``thumbnail_webp``, writes the same bounding-box thumbnail as WebP
under ``…-thumbnail-webp-540x540.webp``. Pages offer it in a ``<picture>``
``<source type="image/webp">``, so each browser picks what it can show and a
cached page stays the same for all of them. The WebP sizes are in the
"products" rendition set, so Saleor's thumbnail task creates them up front.
"""

from versatileimagefield.datastructures.sizedimage import SizedImageInstance
from versatileimagefield.registry import versatileimagefield_registry
from versatileimagefield.utils import get_resized_path
from versatileimagefield.versatileimagefield import ThumbnailImage

SIZER = "thumbnail_webp"


class WebPThumbnailImage(ThumbnailImage):
    filename_key = "thumbnail-webp"

    def __getitem__(self, key):
        width, height = (int(side) for side in key.split("x"))
        path = get_resized_path(
            path_to_image=self.path_to_image,
            width=width,
            height=height,
            filename_key=self.get_filename_key(),
            storage=self.storage,
        )
        path = f"{path.rsplit('.', 1)[0]}.webp"
        if self.create_on_demand and not self.storage.exists(path):
            self.create_resized_image(self.path_to_image, path, width, height)
        return SizedImageInstance(name=path, url=self.storage.url(path), storage=self.storage)

    def create_resized_image(self, path_to_image, save_path_on_storage, width, height):
        image, _extension, _format, _mime_type = self.retrieve_image(path_to_image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image, save_kwargs = self.preprocess(image, "WEBP")
        imagefile = self.process_image(
            image=image, image_format="WEBP", save_kwargs=save_kwargs, width=width, height=height
        )
        self.save_image(imagefile, save_path_on_storage, "webp", "image/webp")


def register():
    if SIZER not in versatileimagefield_registry._sizedimage_registry:
        versatileimagefield_registry.register_sizer(SIZER, WebPThumbnailImage)
