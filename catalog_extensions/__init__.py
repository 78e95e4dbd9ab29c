"""What we add to Saleor's catalogue: labels, origin, search (issues to come)."""
