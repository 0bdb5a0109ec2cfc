import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { CompliancePoint } from '@capstan/plugin-capi-common';
import { ComplianceTrendChart, describeSpan } from './ComplianceTrendChart';

const point = (at: string, compliance: number): CompliancePoint => ({
  at,
  compliance,
  upToDate: 0,
  pending: 0,
  overdue: 0,
  unknown: 0,
  rebootRequired: 0,
  total: 10,
});

describe('ComplianceTrendChart', () => {
  it('labels a daily series by day', async () => {
    await renderInTestApp(
      <ComplianceTrendChart
        points={[
          point('2026-11-23T00:00:00Z', 0.9),
          point('2026-11-24T00:00:00Z', 0.95),
          point('2026-11-25T00:00:00Z', 1),
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: /^Patch compliance from 2026-11-23 to 2026-11-25: 90% to 100%/,
      }),
    ).toBeInTheDocument();
  });

  it('labels points of a single day by time, so they stay distinct', async () => {
    await renderInTestApp(
      <ComplianceTrendChart
        points={[
          point('2026-11-25T09:00:00Z', 0.9),
          point('2026-11-25T12:30:00Z', 1),
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: /^Patch compliance from 2026-11-25 09:00 UTC to 2026-11-25 12:30 UTC/,
      }),
    ).toBeInTheDocument();
    const data = screen.getByRole('table', {
      name: 'Patch compliance history',
      hidden: true,
    });
    expect(within(data).getByText('2026-11-25 09:00 UTC')).toBeInTheDocument();
    expect(within(data).getByText('2026-11-25 12:30 UTC')).toBeInTheDocument();
  });
});

describe('describeSpan', () => {
  it("names the data's own span, not the range asked for", () => {
    expect(
      describeSpan([
        point('2026-12-01T12:40:00Z', 1),
        point('2026-12-01T13:00:00Z', 1),
        point('2026-12-01T13:25:00Z', 1),
      ]),
    ).toBe('Since 2026-12-01 12:40 UTC (45 min)');
    expect(
      describeSpan([
        point('2026-11-17T00:00:00Z', 1),
        point('2026-11-24T00:00:00Z', 1),
        point('2026-12-01T00:00:00Z', 1),
      ]),
    ).toBe('Since 2026-11-17 UTC (14 d)');
    expect(describeSpan([point('2026-12-01T12:40:00Z', 1)])).toBe(
      'On 2026-12-01 UTC',
    );
    expect(describeSpan([])).toBe('Trend');
  });
});
