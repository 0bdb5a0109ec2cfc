import { matchesLabelSelector, parseLabelSelector } from './LabelSelector';

describe('label selectors', () => {
  it('parses every operator', () => {
    expect(
      parseLabelSelector('a=b, c==d,e!=f, g in (h, i), j notin (k), l, !m'),
    ).toEqual([
      { key: 'a', op: 'in', values: ['b'] },
      { key: 'c', op: 'in', values: ['d'] },
      { key: 'e', op: 'notin', values: ['f'] },
      { key: 'g', op: 'in', values: ['h', 'i'] },
      { key: 'j', op: 'notin', values: ['k'] },
      { key: 'l', op: 'exists' },
      { key: 'm', op: 'doesnotexist' },
    ]);
  });

  it('matches labels', () => {
    const selector = parseLabelSelector(
      'team=payments,env in (prod,stage),!legacy',
    );
    expect(
      matchesLabelSelector({ team: 'payments', env: 'prod' }, selector),
    ).toBe(true);
    expect(
      matchesLabelSelector({ team: 'payments', env: 'dev' }, selector),
    ).toBe(false);
    expect(
      matchesLabelSelector(
        { team: 'payments', env: 'prod', legacy: '' },
        selector,
      ),
    ).toBe(false);
  });

  it.each(['', 'a=(b', 'bad key=x', 'a in b', '-a=b'])(
    'rejects %j',
    selector => {
      expect(() => parseLabelSelector(selector)).toThrow(
        'Invalid label selector',
      );
    },
  );
});
