"""StreamField blocks shared by all Wenfu pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("小标题"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("段落"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = ImageBlock(label=_("图片"))
    quote = blocks.BlockQuoteBlock(label=_("引用"))

    class Meta:
        template = "cms/blocks/body.html"
