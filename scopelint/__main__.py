from scopelint.cli.hook import main

if __name__ == "__main__":
    main()
