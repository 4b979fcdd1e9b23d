import TurnscopeCLI

Turnscope.main()
