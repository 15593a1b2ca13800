"""One collector per signal (cookies, storage, requests, beacons, API calls, fingerprinting,
session recording, key logging), each with one lifecycle (base.py).
"""
