"""Translating the catalogue's texts through PO files: what a language lacks, out; translations, in.

units.py lists the texts (and their state: missing, outdated, current),
exporting.py writes them to a PO file, importing.py writes a translated PO file
back into the project (each value through generator/yaml_edit.py, which changes
nothing else in an editor's file), and memory.py keeps what each translation
was made from.
"""
