"""The exam's tools in windows of their own: the calculator and the OnVUE whiteboard."""
