"""The switchboard: one state's recorder drives every collector through the visit lifecycle."""
