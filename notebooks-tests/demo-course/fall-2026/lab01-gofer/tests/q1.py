test = {
  'name': 'q1',
  'points': 1,
  'suites': [
    {
      'cases': [
        {
          'code': r"""
          >>> isinstance(n_months, int)
          True

          n_months should be a whole number (an int): how many rows does the table have?
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> n_months == 6
          True

          Count the rows that raintools.load_rows returns; the header line is not a month.
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
