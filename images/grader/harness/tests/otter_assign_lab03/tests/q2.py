OK_FORMAT = True

test = {   'name': 'q2',
    'points': [1, 1, 2],
    'suites': [   {   'cases': [   {'code': ">>> def column_names(df):\n...     return sorted(df.columns)\n>>> column_names(scores)\n['name', 'score', 'section']", 'hidden': False, 'locked': False},
                                   {'code': '>>> len(by_section)\n3', 'hidden': False, 'locked': False},
                                   {   'code': '>>> result = {}\n'
                                               '>>> for section, value in by_section.items():\n'
                                               '...     if value > 80:\n'
                                               "...         result[section] = 'high'\n"
                                               '...     elif value > 60:\n'
                                               "...         result[section] = 'mid'\n"
                                               '...     else:\n'
                                               "...         result[section] = 'low'\n"
                                               '>>> result\n'
                                               "{'A': 'high', 'B': 'mid', 'C': 'low'}",
                                       'hidden': True,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
