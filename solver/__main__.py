"""`python -m solver` runs the roster command line (SPEC section 9)."""

from app.cli import main

main()
