"""StreamField blocks for buurt pages. Each has a help text and a preview."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        help_text = _("A short heading that tells what the next part is about.")
        preview_value = {"text": "Wat gaan we doen?"}
        description = _("A section heading")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        help_text = _("Words of a neighbour, in their own words.")
        preview_value = {
            "quote": "Sinds de moestuin ken ik mijn buren bij naam.",
            "attribution": "Fatima, Bloemenbuurt",
        }
        description = _("A quote from a resident")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Write in plain language: short sentences, one idea per paragraph."),
        preview_value="<p>Elke dinsdag drinken we koffie in het buurthuis. Iedereen is welkom.</p>",
        description=_("A paragraph of text"),
    )
    image = ImageBlock(
        label=_("Image"),
        help_text=_("Only photos of people who agreed to be shown."),
    )
    quote = QuoteBlock()
