test = {
    'name': 'q2',
    'points': 1,
    'suites': [
        {
            'cases': [
                {'code': '>>> x + 1\n5', 'hidden': False, 'locked': False},
            ],
            'scored': True,
            'setup': '',
            'teardown': '',
            'type': 'doctest',
        }
    ],
}
