"""A visit's book: what one page visit recorded as events arrived, and which visit an event belongs
to.
"""
