"""Tables of the programme guides: programmes and guide channel matches."""

from __future__ import annotations

import peewee

from tvnexa.adapters.persistence.fields import UtcDateTimeField
from tvnexa.adapters.persistence.models.base import UnboundModel, code_field


class MediumTextField(peewee.TextField):
    """Text past MySQL's 64 KiB TEXT limit (SQLite takes any length anyway)."""

    field_type = "MEDIUMTEXT"


class ProgrammeRow(UnboundModel):
    """A stored programme; `data` is the JSON of the rest of its Programme.

    `end_utc` is the instant the programme stops counting for overlap: its
    stop, or its start when it has no stop after its start, so that every
    window query is one index range on it.
    """

    id = peewee.BigAutoField()
    source = code_field()
    priority = peewee.IntegerField()
    guide_channel = code_field()
    channel = code_field(null=True)
    feed = code_field(null=True)
    start_utc = UtcDateTimeField()
    stop_utc = UtcDateTimeField(null=True)
    end_utc = UtcDateTimeField()
    # The first title, and the case-folded titles and descriptions for search.
    title = MediumTextField()
    search_text = MediumTextField()
    data = MediumTextField()

    class Meta:
        table_name = "programmes"
        indexes = (
            (("channel", "end_utc", "start_utc"), False),
            (("source", "guide_channel", "start_utc"), False),
            (("end_utc",), False),
            (("channel", "source", "start_utc"), False),
        )


class GuideChannelMatchRow(UnboundModel):
    """A guide channel of one source; `data` is the GuideChannel as JSON."""

    source = code_field()
    guide_channel = code_field()
    channel = code_field(null=True)
    feed = code_field(null=True)
    method = peewee.CharField(max_length=32, null=True)
    data = MediumTextField()

    class Meta:
        table_name = "guide_channel_matches"
        primary_key = peewee.CompositeKey("source", "guide_channel")
