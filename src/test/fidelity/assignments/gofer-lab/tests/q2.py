# `from datascience import *` sets numpy's legacy printing (1.13): total prints as 110, not np.int64(110).
test = {
  'name': 'q2',
  'points': 1,
  'suites': [
    {
      'cases': [
        {
          'code': r"""
          >>> len(evens)
          11
          >>> int(evens[-1])
          20
          """,
          'hidden': False,
          'locked': False
        },
        {
          'code': r"""
          >>> total
          110

          total should be the sum of evens (use sum or np.sum).
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
