"""Fonts, the default receipt terms and the thank-you note wording, shipped in the package."""
