from bench.scaleout.run import main

main()
