"""Every success and error code of the API, the old contract's and TVNexa's own."""

from __future__ import annotations

from dataclasses import dataclass

from tvnexa.application.catalogue import RECORD_KINDS
from tvnexa.application.epg import EPG_CHANNEL_KIND, PROGRAMME_KIND
from tvnexa.application.runs import DATASET_KIND, RUN_KIND
from tvnexa.domain.datasets import Dataset


@dataclass(frozen=True, slots=True)
class Success:
    code: int
    message: str


@dataclass(frozen=True, slots=True)
class Failure:
    """An error as clients see it: `name` and `code` in the body, `status` in HTTP."""

    name: str
    code: int
    status: int


# Success codes of the old contract (REFERENCE.md); clients read them.
CATEGORIES_LISTED = Success(1001, "Categories found")
CATEGORY_FOUND = Success(1002, "Category found")
CHANNELS_LISTED = Success(2001, "Channels found")
CHANNEL_FOUND = Success(2002, "Channel found")
CHANNELS_SEARCHED = Success(2003, "Channels matching the term")
COUNTRIES_LISTED = Success(3001, "Countries found")
COUNTRY_FOUND = Success(3002, "Country found")
COUNTRIES_SEARCHED = Success(3003, "Countries matching the term")
CHANNEL_PROGRAMMES = Success(4000, "Programmes of the channel")
COUNTRY_PROGRAMMES = Success(4001, "Programmes of the country's channels")
REGIONS_LISTED = Success(5001, "Regions found")
REGION_FOUND = Success(5002, "Region found")
SUBDIVISIONS_LISTED = Success(6001, "Subdivisions found")
SUBDIVISION_FOUND = Success(6002, "Subdivision found")

# Success codes of the guide routes TVNexa adds, after the old contract's two.
CHANNEL_SCHEDULE = Success(4002, "Schedule of the channel for the day")
GUIDE_LISTED = Success(4003, "Programmes of the channels")
NOW_NEXT_LISTED = Success(4004, "What is on now and next")
PROGRAMMES_SEARCHED = Success(4005, "Programmes matching the text")
UNMATCHED_GUIDE_CHANNELS = Success(4006, "Guide channels matched to no channel")
GUIDE_MATCHES_LISTED = Success(4007, "Guide channel matches")
PROGRAMME_FOUND = Success(4008, "Programme found")

# Success codes of the datasets the old contract did not serve: 9x01 for a
# list and 9x02 for one item, x counting the datasets.
LANGUAGES_LISTED = Success(9101, "Languages found")
LANGUAGE_FOUND = Success(9102, "Language found")
CITIES_LISTED = Success(9201, "Cities found")
CITY_FOUND = Success(9202, "City found")
TIMEZONES_LISTED = Success(9301, "Timezones found")
TIMEZONE_FOUND = Success(9302, "Timezone found")
FEEDS_LISTED = Success(9401, "Feeds found")
FEED_FOUND = Success(9402, "Feed found")
LOGOS_LISTED = Success(9501, "Logos found")
LOGO_FOUND = Success(9502, "Logo found")
STREAMS_LISTED = Success(9601, "Streams found")
STREAM_FOUND = Success(9602, "Stream found")
GUIDES_LISTED = Success(9701, "Guides found")
GUIDE_FOUND = Success(9702, "Guide found")
BLOCKLIST_LISTED = Success(9801, "Blocklist entries found")
BLOCKLIST_ENTRY_FOUND = Success(9802, "Blocklist entry found")

# Success codes of the ingestion routes: runs, then the datasets' states.
RUNS_LISTED = Success(9901, "Ingestion runs found")
RUN_FOUND = Success(9902, "Ingestion run found")
DATASETS_LISTED = Success(9903, "Datasets found")
DATASET_FOUND = Success(9904, "Dataset found")

# Error codes of the old contract, with the HTTP status it should have used.
CATEGORY_NOT_FOUND = Failure("CATEGORY_NOT_FOUND", 100, 404)
REGION_NOT_FOUND = Failure("REGION_NOT_FOUND", 101, 404)
CHANNEL_NOT_FOUND = Failure("CHANNEL_NOT_FOUND", 102, 404)
COUNTRY_NOT_FOUND = Failure("COUNTRY_NOT_FOUND", 103, 404)
REQUEST_VALIDATION_FAILED = Failure("REQUEST_VALIDATION_FAILED", 104, 400)
EPG_CHANNEL_NOT_FOUND = Failure("EPG_CHANNEL_NOT_FOUND", 105, 404)
INTERNAL_SERVER_ERROR = Failure("INTERNAL_SERVER_ERROR", 107, 500)
UNAUTHORIZED_CLIENT = Failure("UNAUTHORIZED_CLIENT", 108, 401)
BAD_REQUEST = Failure("BAD_REQUEST", 109, 400)
SUBDIVISION_NOT_FOUND = Failure("SUBDIVISION_NOT_FOUND", 110, 404)
USER_NOT_FOUND = Failure("USER_NOT_FOUND", 111, 404)
INVALID_CREDENTIALS = Failure("INVALID_CREDENTIALS", 112, 401)
USER_ALREADY_EXISTS = Failure("USER_ALREADY_EXISTS", 113, 409)
PROFILE_NOT_FOUND = Failure("PROFILE_NOT_FOUND", 114, 404)
USER_NOT_ALLOWED = Failure("USER_NOT_ALLOWED", 115, 403)
USER_PROFILES_LIMIT_REACHED = Failure("USER_PROFILES_LIMIT_REACHED", 116, 409)

# Error codes TVNexa adds, from 117 on.
LANGUAGE_NOT_FOUND = Failure("LANGUAGE_NOT_FOUND", 117, 404)
CITY_NOT_FOUND = Failure("CITY_NOT_FOUND", 118, 404)
TIMEZONE_NOT_FOUND = Failure("TIMEZONE_NOT_FOUND", 119, 404)
FEED_NOT_FOUND = Failure("FEED_NOT_FOUND", 120, 404)
LOGO_NOT_FOUND = Failure("LOGO_NOT_FOUND", 121, 404)
STREAM_NOT_FOUND = Failure("STREAM_NOT_FOUND", 122, 404)
GUIDE_NOT_FOUND = Failure("GUIDE_NOT_FOUND", 123, 404)
BLOCKLIST_ENTRY_NOT_FOUND = Failure("BLOCKLIST_ENTRY_NOT_FOUND", 124, 404)
ROUTE_NOT_FOUND = Failure("ROUTE_NOT_FOUND", 125, 404)
METHOD_NOT_ALLOWED = Failure("METHOD_NOT_ALLOWED", 126, 405)
# Any other HTTP error Falcon raises keeps its own status under this name.
HTTP_ERROR = Failure("HTTP_ERROR", 127, 400)
# The database refused or failed (StorageError): a client may retry later.
SERVICE_UNAVAILABLE = Failure("SERVICE_UNAVAILABLE", 128, 503)
RUN_NOT_FOUND = Failure("RUN_NOT_FOUND", 129, 404)
DATASET_NOT_FOUND = Failure("DATASET_NOT_FOUND", 130, 404)
PROGRAMME_NOT_FOUND = Failure("PROGRAMME_NOT_FOUND", 131, 404)

NOT_FOUND_BY_DATASET: dict[Dataset, Failure] = {
    Dataset.CATEGORIES: CATEGORY_NOT_FOUND,
    Dataset.LANGUAGES: LANGUAGE_NOT_FOUND,
    Dataset.TIMEZONES: TIMEZONE_NOT_FOUND,
    Dataset.COUNTRIES: COUNTRY_NOT_FOUND,
    Dataset.SUBDIVISIONS: SUBDIVISION_NOT_FOUND,
    Dataset.REGIONS: REGION_NOT_FOUND,
    Dataset.CITIES: CITY_NOT_FOUND,
    Dataset.CHANNELS: CHANNEL_NOT_FOUND,
    Dataset.FEEDS: FEED_NOT_FOUND,
    Dataset.LOGOS: LOGO_NOT_FOUND,
    Dataset.STREAMS: STREAM_NOT_FOUND,
    Dataset.GUIDES: GUIDE_NOT_FOUND,
    Dataset.BLOCKLIST: BLOCKLIST_ENTRY_NOT_FOUND,
}

# NotFound carries a noun ("channel"); this finds its failure from the noun.
NOT_FOUND_BY_KIND: dict[str, Failure] = {
    **{
        RECORD_KINDS[dataset]: failure
        for dataset, failure in NOT_FOUND_BY_DATASET.items()
    },
    RUN_KIND: RUN_NOT_FOUND,
    DATASET_KIND: DATASET_NOT_FOUND,
    EPG_CHANNEL_KIND: EPG_CHANNEL_NOT_FOUND,
    PROGRAMME_KIND: PROGRAMME_NOT_FOUND,
}
