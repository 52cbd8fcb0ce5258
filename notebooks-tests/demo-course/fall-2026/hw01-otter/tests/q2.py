OK_FORMAT = True

test = {
    'name': 'q2',
    'points': 3,
    'all_or_nothing': True,
    'suites': [
        {
            'cases': [
                {
                    'code': '>>> isinstance(mean_score, float)\nTrue',
                    'hidden': False,
                    'locked': False,
                    'failure_message': 'mean_score should be a single number, not a table or a column.',
                },
                {
                    'code': '>>> round(float(mean_score), 2)\n80.0',
                    'hidden': False,
                    'locked': False,
                    'failure_message': 'Use the mean (the average), not the median or the total.',
                    'success_message': 'That is the class average.',
                },
                {
                    'code': ">>> bool(np.isclose(mean_score, scores['score'].sum() / len(scores)))\nTrue",
                    'hidden': True,
                    'locked': False,
                },
            ],
            'scored': True,
            'setup': '',
            'teardown': '',
            'type': 'doctest',
        }
    ],
}
