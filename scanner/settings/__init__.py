"""Scan settings: flags > environment > declared file > defaults, validated once at the edge."""
