"""A model field holding several choices (best seasons, audiences, facilities)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MultipleChoiceField(models.JSONField):
    """A list of choice codes, edited as checkboxes.

    JSON rather than a PostgreSQL array or a many-to-many table: it works on SQLite (the first
    run's database) as on PostgreSQL, and the choices are fixed code, not editable data.
    """

    def __init__(self, *args, choices_enum, **kwargs):
        self.choices_enum = choices_enum
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_enum"] = self.choices_enum
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = set(value or []) - set(self.choices_enum.values)
        if unknown:
            raise ValidationError(
                _("不认识的选项：%(values)s。"), params={"values": "、".join(sorted(unknown))}
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            required=not self.blank,
            choices=self.choices_enum.choices,
            widget=forms.CheckboxSelectMultiple,
            **{key: kwargs[key] for key in ("initial",) if key in kwargs},
        )

    def labels(self, value):
        """The labels of the codes in ``value``, in the choices' order."""
        labels = dict(self.choices_enum.choices)
        return [labels[code] for code in self.choices_enum.values if code in (value or [])]


def has_choice(field_name, code):
    """A filter for rows whose ``field_name`` list holds ``code``.

    SQLite has no JSON containment lookup, so this matches the quoted code in the stored JSON
    text, which both databases support; the quotes keep one code from matching inside another.
    """
    return Q(**{f"{field_name}__icontains": f'"{code}"'})
