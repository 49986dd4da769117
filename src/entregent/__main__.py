"""`python -m entregent` is the `entregent` command."""

from entregent.cli.main import main

main()
