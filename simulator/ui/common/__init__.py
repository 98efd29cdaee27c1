"""What every room shares: the theme, small widgets, dialogs, icons and the session hub."""
