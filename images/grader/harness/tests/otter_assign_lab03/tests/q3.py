OK_FORMAT = True

test = {   'all_or_nothing': True,
    'name': 'q3',
    'points': None,
    'suites': [   {   'cases': [   {'code': '>>> bins == 5\nTrue', 'failure_message': 'Use 5 bins.', 'hidden': False, 'locked': False, 'points': 1, 'success_message': 'Good number of bins.'},
                                   {   'code': '>>> class Probe:\n'
                                               '...     def count(self, fig):\n'
                                               '...         return len(fig.axes)\n'
                                               '>>> try:\n'
                                               '...     n = Probe().count(fig)\n'
                                               '... except NameError:\n'
                                               '...     n = -1\n'
                                               '>>> n\n'
                                               '1',
                                       'hidden': True,
                                       'locked': False,
                                       'points': 2}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
