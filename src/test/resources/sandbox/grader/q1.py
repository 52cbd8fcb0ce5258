test = {
    'name': 'q1',
    'points': 1,
    'suites': [
        {
            'cases': [
                {'code': '>>> x\n2', 'hidden': False, 'locked': False},
            ],
            'scored': True,
            'setup': '',
            'teardown': '',
            'type': 'doctest',
        }
    ],
}
