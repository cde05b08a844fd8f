"""XMLTV programme guides: sources that deliver the bytes, a streaming parser."""
