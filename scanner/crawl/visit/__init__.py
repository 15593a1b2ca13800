"""The visits: every state's crawl, one state's run, and one page's steps (load, settle, consent,
outcome).
"""
