"""The formats of a label export: each turns assets into the files of its archive."""
