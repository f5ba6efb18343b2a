"""Check plain values as `full_clean` would, without building a model instance per row.

For importers that insert new rows in bulk (`insert_rows`): `full_clean` on a model instance
of every row was a fifth of a Drugs@FDA import, most of it generic checks that pass
(lengths, blanks, null characters). A `RowCheck` prepares each field's checks once; a value
that might fail one of them is checked again by the field's own `clean`, so a rejected row
gets exactly Django's message, and validators beyond those (a URL's form) always run.

    check = RowCheck(Product, ["source_key", "name"])
    check.validate({"source_key": "drugsfda:NDA020702:001", "name": "Lipitor"})  # or raises
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES, MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models

_GENERIC = (MaxLengthValidator, ProhibitNullCharactersValidator)


class RowCheck:
    def __init__(self, model: type[models.Model], fields: Iterable[str]) -> None:
        self.fields: dict[str, models.Field] = {}
        self.quick: dict[str, bool] = {}
        self.choices: dict[str, set] = {}
        self.validators: dict[str, list] = {}
        for name in fields:
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            self.fields[name] = field
            # Character fields get the quick path; others (dates, numbers) the field's clean.
            self.quick[name] = isinstance(field, models.CharField)
            if field.choices:
                self.choices[name] = {value for value, _label in field.flatchoices}
            self.validators[name] = [v for v in field.validators if not isinstance(v, _GENERIC)]

    def validate(self, values: Mapping[str, object]) -> None:
        """Raise ValidationError (by field, with Django's messages) when a value is invalid."""
        errors: dict[str, list[str]] = {}
        for name, value in values.items():
            field = self.fields[name]
            try:
                if not self.quick[name] or self._might_fail(name, field, value):
                    field.clean(value, None)
                elif value not in EMPTY_VALUES:
                    for validator in self.validators[name]:
                        validator(value)
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)

    def _might_fail(self, name: str, field: models.Field, value: object) -> bool:
        if not isinstance(value, str):
            return True
        if value in EMPTY_VALUES:
            return not field.blank
        if field.max_length is not None and len(value) > field.max_length:
            return True
        if "\x00" in value:
            return True
        return name in self.choices and value not in self.choices[name]
