"""Open data: the public Data Package (zip of CSVs + datapackage.json), its page and its
DCAT description. See docs/open-data.md."""
