__version__ = "0.1.0"

from newsfuse.serial import register as _register_pickling

_register_pickling()
