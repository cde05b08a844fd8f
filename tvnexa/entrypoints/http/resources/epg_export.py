"""The XMLTV export: `/epg/guide.xml` and `/epg/guide.xml.gz`, streamed."""

from __future__ import annotations

from collections.abc import Iterator

import falcon

from tvnexa.adapters.xmltv.writer import LxmlXmltvWriter
from tvnexa.application.epg import ExportGuide
from tvnexa.entrypoints.http.compression import accepts_gzip
from tvnexa.entrypoints.http.epg_params import EpgParameters
from tvnexa.entrypoints.http.resources.epg_channels import GuideRead
from tvnexa.entrypoints.http.settings import ApiSettings
from tvnexa.entrypoints.http.streaming import gzipped, primed

XML_TYPE = "application/xml; charset=utf-8"
GZIP_TYPE = "application/gzip"


class GuideExportResource(GuideRead):
    """Channels filtered as `/channels` filters them, and their programmes in a
    window (`start`, `end`), as an XMLTV document; see ExportGuide."""

    def __init__(
        self, export: ExportGuide, writer: LxmlXmltvWriter, api: ApiSettings
    ) -> None:
        self.export = export
        self.writer = writer
        self.api = api

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        chunks = self.document(req)

        resp.content_type = XML_TYPE
        # The body is compressed here, as it streams: the gzip middleware
        # leaves streams alone.
        resp.append_header("Vary", "Accept-Encoding")
        if accepts_gzip(req.get_header("Accept-Encoding")):
            resp.set_header("Content-Encoding", "gzip")
            chunks = gzipped(chunks)
        resp.stream = chunks

    def on_get_gz(self, req: falcon.Request, resp: falcon.Response) -> None:
        chunks = self.document(req)

        resp.content_type = GZIP_TYPE
        resp.stream = gzipped(chunks)

    def document(self, req: falcon.Request) -> Iterator[bytes]:
        params = EpgParameters(req, self.api.max_text_length)
        query, asked = params.channel_query(), params.window("start", "end")

        items = self.export.execute(query, asked)

        return primed(self.writer.write(items))
