test = {
  'name': 'q2',
  'points': 1,
  'suites': [
    {
      'cases': [
        {
          'code': r"""
          >>> isinstance(total_rain, float)
          True

          total_rain should be a number with a decimal part (a float).
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> 400 < total_rain < 450
          True

          The total should be a little over 400 mm; did you add up every month?
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> total_rain == 412.5
          True
          """,
          'hidden': True,
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
