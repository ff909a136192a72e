"""Qt item models over plain rows and core objects."""
