OK_FORMAT = True

test = {
    'name': 'q3',
    'points': [1, 1, 2],
    'all_or_nothing': False,
    'suites': [
        {
            'cases': [
                {
                    'code': ">>> best_section\n'A'",
                    'hidden': False,
                    'locked': False,
                    'success_message': 'Right: section A did best.',
                },
                {
                    'code': ">>> float(section_means['B'])\n75.0",
                    'hidden': False,
                    'locked': False,
                },
                {
                    'code': ">>> isinstance(section_means, pd.Series)\nTrue\n"
                            ">>> section_means.round(2).to_dict() == {'A': 85.0, 'B': 75.0}\nTrue",
                    'hidden': True,
                    'locked': False,
                    'failure_message': 'section_means should be the Series that groupby gives you, '
                                       'with one mean per section.',
                },
            ],
            'scored': True,
            'setup': '',
            'teardown': '',
            'type': 'doctest',
        }
    ],
}
