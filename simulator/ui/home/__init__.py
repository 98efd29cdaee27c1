"""The study desk: Home, the custom exam and practice pickers, and Settings."""
