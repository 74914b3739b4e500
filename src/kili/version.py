"""The version of the `kili` distribution."""

__version__ = "0.1.0"
