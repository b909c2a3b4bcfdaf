"""The policy Markdown as published: variables, markers, /full/."""
