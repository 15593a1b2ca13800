"""The judge stage: classify every cookie, storage key and third party of a scan once."""

from scanner.judge.judgement import judge_scan

__all__ = ["judge_scan"]
