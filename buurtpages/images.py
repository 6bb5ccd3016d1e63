"""The image form of every buurt's admin."""

from wagtail.images.forms import BaseImageForm

from buurtpages.file_replacement import IMAGE_IN_USE_MESSAGE, ReviewedFileReplacementMixin


class ImageForm(ReviewedFileReplacementMixin, BaseImageForm):
    in_use_message = IMAGE_IN_USE_MESSAGE
