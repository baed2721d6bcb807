"""Delegation brochures and catalogue booklets: plan (pure), print map, render (WeasyPrint)."""
