test = {
  'name': 'q1',
  'points': 1,
  'suites': [
    {
      'cases': [
        {
          'code': r"""
          >>> isinstance(seconds_in_a_decade, int)
          True

          Multiply whole numbers: the answer should be an int.
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> seconds_in_a_decade
          315360000
          """,
          'hidden': False,
          'locked': False
        },
      ],
      'scored': True,
      'setup': '',
      'teardown': '',
      'type': 'doctest'
    }
  ]
}
