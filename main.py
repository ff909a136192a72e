"""Start the kiosk: `python main.py` opens the touch screen, `python main.py COMMAND` runs the CLI."""

from kiosk.app import main

if __name__ == "__main__":
    main()
