from evnews.cli import main

main()
