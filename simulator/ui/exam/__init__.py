"""The Pearson VUE screens, from Welcome to the review screen, and the exam window that holds them."""
