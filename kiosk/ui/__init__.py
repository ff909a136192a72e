"""The PySide6 touch kiosk. Qt lives only in this package."""
