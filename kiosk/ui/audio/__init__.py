"""What the kiosk plays and says: short tones for each outcome (sounds.py, made by tones.py) and
speech output for guests who cannot read the screen (speech.py, narration.py, headphones.py)."""
