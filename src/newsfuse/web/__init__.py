"""Server-rendered pages for analysts (templates, static files, and the helpers that feed them)."""
