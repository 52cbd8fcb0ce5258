"""Gofer's in-container grading harness: the trusted supervisor and the untrusted runner.

The contract with the service is ../README.md.
"""
