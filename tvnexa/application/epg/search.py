"""Use cases that find programmes and channel matches across every channel."""

from __future__ import annotations

from tvnexa.application.catalogue.records import required_term
from tvnexa.application.epg.views import PROGRAMME_KIND, ProgrammeView, programme_view
from tvnexa.application.epg.windows import AskedWindow, WindowPolicy
from tvnexa.application.guide_ports import ProgrammeReader
from tvnexa.application.ports import Clock
from tvnexa.domain.errors import NotFound
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.schedules import ChannelMatch


class SearchProgrammes:
    """Programmes whose title or description contains the text, in start order.

    Without a start or an end the search covers every stored programme;
    with either, the window is completed and bounded like any other.
    """

    def __init__(
        self, programmes: ProgrammeReader, clock: Clock, policy: WindowPolicy
    ) -> None:
        self.programmes = programmes
        self.clock = clock
        self.policy = policy

    def execute(
        self, text: str | None, asked: AskedWindow, page: PageRequest
    ) -> Page[ProgrammeView]:
        term = required_term(text, "q")
        window = None
        if asked.start is not None or asked.end is not None:
            window = self.policy.resolve(asked, self.clock.now())

        found = self.programmes.search(term, window, page)

        views = [programme_view(p) for p in found.items]
        return Page(views, found.total, found.offset, found.limit)


class GetProgramme:
    """One programme of a catalogue channel by its id; raises NotFound."""

    def __init__(self, programmes: ProgrammeReader) -> None:
        self.programmes = programmes

    def execute(self, programme_id: int) -> ProgrammeView:
        found = self.programmes.get(programme_id)
        # Programmes of guide channels matched to nothing are served nowhere
        # else either: they belong to no channel a client knows.
        if found is None or found.channel is None:
            raise NotFound(PROGRAMME_KIND, str(programme_id))
        return programme_view(found)


class ListGuideMatches:
    """Guide channels and the catalogue channels they were matched to, if any."""

    def __init__(self, programmes: ProgrammeReader) -> None:
        self.programmes = programmes

    def execute(
        self, source: str | None, matched: bool | None, page: PageRequest
    ) -> Page[ChannelMatch]:
        return self.programmes.matches(source, matched, page)
