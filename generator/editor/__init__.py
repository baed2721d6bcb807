"""The web editor of `heritage edit`: forms drawn from the record formats, saving only what changed.

session.py does the work (list, read, check and save records; add photos),
server.py answers the editor's page and its JSON requests beside the preview,
static/ is the page itself (plain HTML, CSS and JavaScript, nothing from elsewhere).
"""
