"""One module per thing a guest or staff member does at the kiosk. Each flow talks to services
through Tasks, shows its own screens, announces what happened on KioskEvents, and gives every
background task a failure path (kiosk.ui.flows.messages)."""
