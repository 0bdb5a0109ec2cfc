import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { PatchSummary } from '@capstan/plugin-capi-common';
import { fleetResponse } from '../../__fixtures__/fleet';
import { ComplianceCard, FleetFacts } from './FleetSummaryCards';

/** `total` machines of which `overdue` are overdue, the rest up to date. */
function patchOf(total: number, overdue: number): PatchSummary {
  return {
    total,
    upToDate: total - overdue,
    pending: 0,
    overdue,
    unknown: 0,
    rebootRequired: 0,
    compliance: (total - overdue) / total,
  };
}

async function renderFigures(patch: PatchSummary) {
  const fleet = fleetResponse();
  const withPatch = { ...fleet, summary: { ...fleet.summary, patch } };
  await renderInTestApp(
    <>
      <FleetFacts fleet={withPatch} />
      <ComplianceCard fleet={withPatch} filtered={false} trendScope="fleet" />
    </>,
  );
  const figures = await screen.findByLabelText('Fleet figures');
  const figure =
    within(figures).getByText('Patch compliance').nextElementSibling
      ?.textContent;
  const gauge = screen.getByRole('img', { name: /^Patch compliance / });
  return {
    figure,
    gauge: gauge.textContent,
    gaugeLabel: gauge.getAttribute('aria-label'),
  };
}

describe('the fleet compliance figures', () => {
  it('reads the same on the figure and the gauge: 96.8%, not 96.8% beside 96%', async () => {
    const shown = await renderFigures(patchOf(1000, 32));
    expect(shown).toEqual({
      figure: '96.8%',
      gauge: '96.8%',
      gaugeLabel: 'Patch compliance 96.8%',
    });
  });

  it('never reads 100% while one machine in 2,000 is overdue, on either', async () => {
    const shown = await renderFigures(patchOf(2000, 1));
    expect(shown.figure).toBe('99.9%');
    expect(shown.gauge).toBe('99.9%');
  });

  it('reads 100% when nothing is overdue or unknown', async () => {
    const shown = await renderFigures(patchOf(10, 0));
    expect(shown.figure).toBe('100%');
    expect(shown.gauge).toBe('100%');
  });
});
