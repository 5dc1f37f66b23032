"""Staff exports: every kind of data as CSV, XLSX or JSON, streamed, and audited."""
