OK_FORMAT = True

test = {   'name': 'q1',
    'points': 3,
    'suites': [   {   'cases': [   {'code': '>>> mean([1, 2, 3]) == 2\nTrue', 'hidden': False, 'locked': False},
                                   {   'code': '>>> for values, expected in [([1, 2, 3], 2), ([10], 10), ([-1, 1], 0)]:\n'
                                               '...     assert abs(mean(values) - expected) < 1e-09, values\n'
                                               ">>> print('all good')\n"
                                               'all good\n',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> rng = np.random.default_rng(8)\n'
                                               '>>> data = rng.normal(size=50)\n'
                                               '>>> if abs(mean(list(data)) - np.mean(data)) < 1e-09:\n'
                                               "...     print('matches numpy')\n"
                                               '... else:\n'
                                               "...     print('differs from numpy')\n"
                                               'matches numpy\n',
                                       'hidden': True,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
