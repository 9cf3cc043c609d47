"""HTTP API and web server: `create_app(db_path, ingest)` builds it, `serve(db_path)` runs it."""

from newsfuse.api.app import create_app, serve

__all__ = ["create_app", "serve"]
