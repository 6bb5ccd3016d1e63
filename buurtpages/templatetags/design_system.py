"""NL Design System class names on Django's form widgets, so the public forms and the
portal look like every other Dutch public site without a template per field type."""

import copy

from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect, Textarea

register = template.Library()

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
CLASSES_BY_INPUT_TYPE = {
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "hidden": "",
    "file": "",
}


def widget_classes(widget):
    if isinstance(widget, Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    return CLASSES_BY_INPUT_TYPE.get(getattr(widget, "input_type", None), TEXTBOX)


@register.filter
def design_system_widget(bound_field):
    """The field's widget with the system's classes added to the ones it already has; an
    invalid field also says so to assistive technology (the system styles it from that)."""
    widget = bound_field.field.widget
    classes = " ".join(filter(None, [widget_classes(widget), widget.attrs.get("class", "")]))
    attrs = {"class": classes} if classes else {}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if isinstance(widget, RadioSelect | CheckboxSelectMultiple):
        widget = classes_on_the_options_only(widget)
    return bound_field.as_widget(widget=widget, attrs=attrs)


def classes_on_the_options_only(widget):
    """Django gives a group's attributes to its wrapping <div> as well as to each option:
    a wrapper with the radio button's classes is drawn as one tiny radio button, and the
    options spill over the fields below it."""
    widget = copy.copy(widget)
    context_of_the_group = widget.get_context

    def get_context(name, value, attrs):
        context = context_of_the_group(name, value, attrs)
        context["widget"]["attrs"].pop("class", None)
        context["widget"]["attrs"].pop("aria-invalid", None)
        return context

    widget.get_context = get_context
    return widget
