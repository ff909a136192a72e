from kiosk.app import main

main()
