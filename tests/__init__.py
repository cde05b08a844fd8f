"""TVNexa tests."""
