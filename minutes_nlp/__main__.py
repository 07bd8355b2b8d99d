from minutes_nlp.cli import main

main()
