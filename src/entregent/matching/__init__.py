"""Common ground, offers-and-needs synergies, introductions and share suggestions."""
