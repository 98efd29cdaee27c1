"""After the exam: the score report, the answer review, the history and their charts."""
