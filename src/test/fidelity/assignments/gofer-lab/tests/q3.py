test = {
  'name': 'q3',
  'points': 1,
  'suites': [
    {
      'cases': [
        {
          'code': r"""
          >>> cities.labels
          ('city', 'population')
          >>> cities.num_rows
          3
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> biggest
          'Oakland'
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
