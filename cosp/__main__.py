from cosp.cli import main

main()
