"""Export of a project's labels into an archive of a chosen format."""
