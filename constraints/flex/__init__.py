"""The flex plan's rules (`roster flex`): one module each, listed in `registry`."""
