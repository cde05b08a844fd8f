"""Ingestion runs and the datasets' states, for operators and dashboards."""

from __future__ import annotations

import falcon

from tvnexa.application.runs import (
    RUN_KIND,
    GetDatasetState,
    GetRun,
    ListDatasetStates,
    ListRuns,
)
from tvnexa.domain.errors import NotFound
from tvnexa.entrypoints.http import codes
from tvnexa.entrypoints.http.params import QueryParameters
from tvnexa.entrypoints.http.responses import send, send_page
from tvnexa.entrypoints.http.serializers.runs import (
    dataset_state,
    run_detail,
    run_summary,
)
from tvnexa.entrypoints.http.settings import ApiSettings


class IngestionRunsResource:
    # A run that changes no data leaves the revision as it was, so these
    # answers cannot be tagged with it; see ConditionalGet.
    catalogue_read = True
    revision_cached = False

    def __init__(
        self, list_runs: ListRuns, get_run: GetRun, settings: ApiSettings
    ) -> None:
        self.list_runs = list_runs
        self.get_run = get_run
        self.settings = settings
        self.limits = settings.limits_for("ingestion_runs")

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        dataset, status = params.text("dataset"), params.text("status")
        page = params.page(self.limits)

        found = self.list_runs.execute(dataset, status, page)

        send_page(req, resp, codes.RUNS_LISTED, found, run_summary)

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, run_id: str
    ) -> None:
        # Any text may reach here; only a whole number can name a run.
        if not (run_id.isascii() and run_id.isdigit()):
            raise NotFound(RUN_KIND, run_id)

        run = self.get_run.execute(int(run_id))

        send(resp, codes.RUN_FOUND, run_detail(run))


class IngestionDatasetsResource:
    catalogue_read = True
    revision_cached = False

    def __init__(
        self, list_states: ListDatasetStates, get_state: GetDatasetState
    ) -> None:
        self.list_states = list_states
        self.get_state = get_state

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        states = self.list_states.execute()
        send(resp, codes.DATASETS_LISTED, [dataset_state(s) for s in states])

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, name: str
    ) -> None:
        send(resp, codes.DATASET_FOUND, dataset_state(self.get_state.execute(name)))
