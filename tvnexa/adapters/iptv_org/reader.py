"""Reads an upstream JSON array into records and reports the objects it rejects.

The schemas in this package are the contract. Running marshmallow on each of
the ~380k objects of a snapshot costs 10 to 60 µs an object, so the reader first
tries a plan compiled from the same schema fields: it takes an object only when
every field already has the exact type the field would return (str, bool, int,
list of str), in which case marshmallow would return the very same values.
Anything else (a missing required key, a null where none is allowed, "true"
for a boolean, a non-object) goes through `Schema.load`, which accepts it the
lenient way or says precisely what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from marshmallow import ValidationError, fields, missing

from tvnexa.adapters.iptv_org.schema_base import UpstreamSchema
from tvnexa.adapters.iptv_org.schemas import SCHEMAS
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import Problem, ProblemKind

_NONE_TYPE = type(None)

# One step of a compiled plan: upstream key, attribute name, the value types
# taken as they are, whether the field is a list of strings, whether the key
# is required, the default for an absent key, and what finishes a list.
_Step = tuple[str, str, frozenset[type], bool, bool, Any, Callable[[Any], Any]]


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The records read from one upstream array and the objects rejected."""

    records: list[CatalogueRecord]
    problems: list[Problem]


class DatasetReader:
    """Reads the objects of one dataset with its schema, never raising on data."""

    def __init__(self, dataset: Dataset, schema: UpstreamSchema | None = None) -> None:
        self.dataset = dataset
        self._schema = schema if schema is not None else SCHEMAS[dataset]()
        self._plan = compile_plan(self._schema)

    def read(self, items: Sequence[Any]) -> ReadResult:
        """Read every element of `items`; each becomes a record or a problem."""
        records: list[CatalogueRecord] = []
        problems: list[Problem] = []
        build = self._schema.build
        for position, item in enumerate(items):
            plain_fields = self.plain_fields(item)
            if plain_fields is not None:
                records.append(build(plain_fields))
                continue
            try:
                records.append(self._schema.load(item))
            except ValidationError as exc:
                problems.append(self._problem(position, exc))
        return ReadResult(records, problems)

    def plain_fields(self, item: Any) -> dict[str, Any] | None:
        """The fields marshmallow would load from `item`, or None to ask it.

        None means only that the object is not in the common exact-typed shape;
        marshmallow then decides whether it is acceptable.
        """
        if type(item) is not dict:
            return None
        loaded: dict[str, Any] = {}
        for step in self._plan:
            key, attribute, taken_as_is, is_list, required, default, finish = step
            value = item.get(key, missing)
            if value is missing:
                if required:
                    return None
                if default is not missing:
                    loaded[attribute] = default
            elif type(value) in taken_as_is:
                loaded[attribute] = value
            elif (
                is_list
                and type(value) is list
                and (not value or all(type(element) is str for element in value))
            ):
                loaded[attribute] = finish(value)
            else:
                return None
        return loaded

    def _problem(self, position: int, error: ValidationError) -> Problem:
        field_name, reason = first_error(error.messages)
        return Problem(
            kind=ProblemKind.REJECTED,
            dataset=self.dataset.value,
            position=position,
            field=field_name,
            reason=reason,
        )


@cache
def reader_for(dataset: Dataset) -> DatasetReader:
    """The shared reader of `dataset` (schemas hold no per-call state)."""
    return DatasetReader(dataset)


def read_records(dataset: Dataset, items: Sequence[Any]) -> ReadResult:
    """Read one upstream array of `dataset` into records and problems."""
    return reader_for(dataset).read(items)


def first_error(messages: Any) -> tuple[str, str]:
    """The first offending upstream key (or "record") and marshmallow's message."""
    if isinstance(messages, dict) and messages:
        key, detail = next(iter(messages.items()))
        return ("record" if key == "_schema" else str(key)), _first_message(detail)
    return "record", _first_message(messages)


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict) and detail:
        # A list field reports its bad elements by index.
        index, inner = next(iter(detail.items()))
        return f"item {index}: {_first_message(inner)}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def compile_plan(schema: UpstreamSchema) -> tuple[_Step, ...]:
    """Compile the schema's load fields into the steps `plain_fields` runs.

    Raises TypeError for a field whose marshmallow result the plan could not
    reproduce exactly (validators, pre-load functions, other field types).
    """
    return tuple(_step(name, field) for name, field in schema.load_fields.items())


def _step(name: str, field: fields.Field[Any]) -> _Step:
    if field.validators or field.pre_load or callable(field.load_default):
        raise TypeError(f"{name}: the plain-field plan cannot reproduce this field")
    key = field.data_key if field.data_key is not None else name
    attribute = field.attribute or name
    taken_as_is: set[type] = {_NONE_TYPE} if field.allow_none else set()
    is_list = False
    finish: Callable[[Any], Any] = list
    if type(field) is fields.List:
        is_list = True
        finish = _finisher(field.post_load)
        inner = field.inner
        if (
            type(inner) is not fields.String
            or inner.allow_none
            or inner.validators
            or inner.pre_load
            or inner.post_load
        ):
            raise TypeError(f"{name}: only lists of plain strings have a plan")
    elif field.post_load:
        raise TypeError(f"{name}: post-load functions need a list field")
    elif type(field) is fields.String:
        taken_as_is.add(str)
    elif type(field) is fields.Boolean:
        taken_as_is.add(bool)
    elif type(field) is fields.Integer and field.strict:
        # type() rather than isinstance keeps booleans out, as marshmallow does.
        taken_as_is.add(int)
    else:
        raise TypeError(f"{name}: {type(field).__name__} has no plain-field plan")
    return (
        key,
        attribute,
        frozenset(taken_as_is),
        is_list,
        field.required,
        field.load_default,
        finish,
    )


def _finisher(post_load: Sequence[Callable[[Any], Any]]) -> Callable[[Any], Any]:
    if len(post_load) == 1:
        return post_load[0]

    def finish(value: Any) -> Any:
        value = list(value)
        for function in post_load:
            value = function(value)
        return value

    return finish
