"""Builds a small otter-assign master notebook in the style of a data-science course lab."""
import nbformat as nbf

def raw(s): return nbf.v4.new_raw_cell(s)
def md(s): return nbf.v4.new_markdown_cell(s)
def code(s): return nbf.v4.new_code_cell(s)

cells = [
    raw("# ASSIGNMENT CONFIG\nname: lab03\nfiles:\n    - scores.csv\ntests:\n    files: true\n"),
    code("%matplotlib inline\nimport numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt"),
    md("# Lab 3: summary statistics"),
    raw("# BEGIN QUESTION\nname: q1\npoints: 3"),
    md("**Question 1.** Write `mean(values)` without using numpy."),
    raw("# BEGIN SOLUTION"),
    code("def mean(values):\n    total = 0\n    for v in values: # SOLUTION\n        total += v # SOLUTION\n    return total / len(values) # SOLUTION"),
    raw("# END SOLUTION"),
    raw("# BEGIN TESTS"),
    code("mean([1, 2, 3]) == 2"),
    code("for values, expected in [([1, 2, 3], 2), ([10], 10), ([-1, 1], 0)]:\n    assert abs(mean(values) - expected) < 1e-9, values\nprint('all good')"),
    code("# HIDDEN\nrng = np.random.default_rng(8)\ndata = rng.normal(size=50)\nif abs(mean(list(data)) - np.mean(data)) < 1e-9:\n    print('matches numpy')\nelse:\n    print('differs from numpy')"),
    raw("# END TESTS"),
    raw("# END QUESTION"),
    raw("# BEGIN QUESTION\nname: q2\npoints: [1, 1, 2]"),
    md("**Question 2.** Load `scores.csv` into `scores` and compute the mean score per section in `by_section`."),
    raw("# BEGIN SOLUTION"),
    code("scores = pd.read_csv('scores.csv') # SOLUTION\nby_section = scores.groupby('section')['score'].mean() # SOLUTION"),
    raw("# END SOLUTION"),
    raw("# BEGIN TESTS"),
    code("def column_names(df):\n    return sorted(df.columns)\n\ncolumn_names(scores)"),
    code("len(by_section)"),
    code("# HIDDEN\nresult = {}\nfor section, value in by_section.items():\n    if value > 80:\n        result[section] = 'high'\n    elif value > 60:\n        result[section] = 'mid'\n    else:\n        result[section] = 'low'\nresult"),
    raw("# END TESTS"),
    raw("# END QUESTION"),
    raw("# BEGIN QUESTION\nname: q3\nall_or_nothing: true"),
    md("**Question 3.** Plot a histogram of the scores and set `fig` to the figure; set `bins` to 5."),
    raw("# BEGIN SOLUTION"),
    code("bins = 5 # SOLUTION\nfig, ax = plt.subplots()\nax.hist(scores['score'], bins=bins)\nplt.show()"),
    raw("# END SOLUTION"),
    raw("# BEGIN TESTS"),
    code('""" # BEGIN TEST CONFIG\npoints: 1\nsuccess_message: Good number of bins.\nfailure_message: Use 5 bins.\n""" # END TEST CONFIG\nbins == 5'),
    code('""" # BEGIN TEST CONFIG\npoints: 2\nhidden: true\n""" # END TEST CONFIG\nclass Probe:\n    def count(self, fig):\n        return len(fig.axes)\n\ntry:\n    n = Probe().count(fig)\nexcept NameError:\n    n = -1\nn'),
    raw("# END TESTS"),
    raw("# END QUESTION"),
    raw("# BEGIN QUESTION\nname: q4"),
    md("**Question 4.** Set `total` to the number of rows of `scores` (partial credit per case)."),
    raw("# BEGIN SOLUTION"),
    code("total = len(scores) # SOLUTION"),
    raw("# END SOLUTION"),
    raw("# BEGIN TESTS"),
    code("total > 0"),
    code("# HIDDEN\nwhile total > 100:\n    total = total // 2\ntotal"),
    raw("# END TESTS"),
    raw("# END QUESTION"),
]
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "lab03.ipynb")
