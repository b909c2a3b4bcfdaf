"""What the site publishes besides the pages: manifest, feeds, search indexes, headers, published URLs."""
