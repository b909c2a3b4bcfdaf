"""Exports of the data for other systems (the WeChat privacy settings)."""
