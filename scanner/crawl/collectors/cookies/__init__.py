"""The cookie collector: Set-Cookie and document.cookie writes joined with the jar, and cookies
kept through the choice.
"""
