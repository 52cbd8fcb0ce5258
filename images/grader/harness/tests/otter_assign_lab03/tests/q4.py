OK_FORMAT = True

test = {   'name': 'q4',
    'points': None,
    'suites': [   {   'cases': [   {'code': '>>> total > 0\nTrue', 'hidden': False, 'locked': False},
                                   {'code': '>>> while total > 100:\n...     total = total // 2\n>>> total\n6', 'hidden': True, 'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
