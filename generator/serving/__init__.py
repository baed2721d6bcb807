"""Serving a built site: web server configuration (nginx.py)."""
