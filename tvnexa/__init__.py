"""TVNexa: the iptv-org catalogue and its programme guides, served by a REST API."""
