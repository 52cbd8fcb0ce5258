test = {
  'name': 'q3',
  'points': 1,
  'suites': [
    {
      'cases': [
        {
          'code': r"""
          >>> callable(wettest_month)
          True
          >>> wettest_month(rows) == 'Mar'
          True

          wettest_month(rows) should return the name of the month with the most rain.
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> wettest_month([{'month': 'Quintilis', 'rain_mm': 3.0},
          ...                {'month': 'Sextilis', 'rain_mm': 7.5}]) == 'Sextilis'
          True
          >>> wettest_month([{'month': 'Quintilis', 'rain_mm': 9.0}]) == 'Quintilis'
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
