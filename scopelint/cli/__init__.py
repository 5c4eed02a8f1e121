"""The command line: click commands that parse options into plain objects and call the library."""
