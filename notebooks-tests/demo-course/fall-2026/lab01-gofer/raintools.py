"""Helpers for Lab 1: read the rainfall table without extra libraries."""

import csv


def load_rows(path):
    """Return the rows of a CSV file as dicts; cells that look like numbers become floats."""
    with open(path, newline="") as f:
        return [{key: _number(value) for key, value in record.items()} for record in csv.DictReader(f)]


def column(rows, name):
    """Return the values of one column, in row order."""
    return [row[name] for row in rows]


def _number(text):
    try:
        return float(text)
    except ValueError:
        return text
