"""The typer application: parses arguments, calls the other packages, prints."""
