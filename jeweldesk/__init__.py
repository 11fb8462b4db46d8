"""JewelDesk: the repair desk of an independent jewelry store."""

__version__ = "0.1.0"
