OK_FORMAT = True

test = {
    'name': 'q1',
    'points': None,
    'all_or_nothing': False,
    'suites': [
        {
            'cases': [
                {
                    'code': '>>> len(evens)\n5',
                    'hidden': False,
                    'locked': False,
                    'points': 1,
                    'failure_message': 'There are five even numbers between 1 and 10.',
                },
                {
                    'code': '>>> int(evens.sum())\n30',
                    'hidden': False,
                    'locked': False,
                    'points': 2,
                    'success_message': 'The even numbers add up correctly.',
                },
                {
                    'code': '>>> evens.tolist()\n[2, 4, 6, 8, 10]',
                    'hidden': True,
                    'locked': False,
                    'points': 2,
                    'failure_message': 'Keep the even numbers in increasing order.',
                },
            ],
            'scored': True,
            'setup': '',
            'teardown': '',
            'type': 'doctest',
        }
    ],
}
