"""Reports full marks signed with a key it guessed instead of the run's secret."""
import fakelib

job = fakelib.read_job()
fakelib.report("0" * 64, fakelib.graded(100.0, 2.0))
