import { toLabelValue } from './annotations';
import { validateLabels } from './validation';

describe('toLabelValue', () => {
  it('keeps valid label values as they are', () => {
    for (const value of ['team-a', 'Team.A_1', 'a', '']) {
      expect(toLabelValue(value)).toBe(value);
    }
  });

  it.each([
    'Team A',
    ' team-a',
    'équipe',
    '---',
    'a'.repeat(64),
    'team/a',
    `${'x'.repeat(60)} y`,
  ])('turns %j into a valid label value', value => {
    const label = toLabelValue(value);
    expect(validateLabels('test', { key: label })).toEqual([]);
    expect(label.length).toBeLessThanOrEqual(63);
  });

  it('never maps two different names to one value', () => {
    expect(toLabelValue('Team A')).not.toBe(toLabelValue('Team-A'));
    expect(toLabelValue('Team A')).not.toBe(toLabelValue('Team  A'));
    expect(toLabelValue('Team A')).toBe(toLabelValue('Team A'));
  });
});
