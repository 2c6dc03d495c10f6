from diplograph.cli import main

if __name__ == "__main__":  # not when a spawned process (the server's worker) imports it
    main()
