"""The policy pages: reading their Markdown and finding them in nav."""
