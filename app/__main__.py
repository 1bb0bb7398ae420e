"""`python -m app` runs the roster command line."""

from app.cli import main

main()
