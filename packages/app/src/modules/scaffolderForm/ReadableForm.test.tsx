import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { StructuredMetadataTable } from '@backstage/core-components';
import { Step, StepLabel, Stepper } from '@material-ui/core';
import { ReadableForm } from './ReadableForm';

const LABEL = 'Start even if a change of this kind is still in flight';

// The Review step's table, as the scaffolder's ReviewState draws it.
const review = (
  <StructuredMetadataTable
    metadata={{
      [LABEL]: 'No',
      'Node pools': 'gpu-inference-workers: 2 machines',
    }}
    options={{ titleFormat: (key: string) => key }}
  />
);

describe('ReadableForm', () => {
  it('wraps long labels between words and breaks a value inside a word only when it must', async () => {
    await renderInTestApp(<ReadableForm>{review}</ReadableForm>);
    const label = screen.getByText(LABEL).closest('td, th')!;
    expect(getComputedStyle(label).whiteSpace).toBe('normal');
    // word-break: normal over the theme's break-word is a matter of
    // specificity, which jsdom does not weigh; the browser check at 390 px
    // (docs/screenshots/new-cluster-review-390.png) shows it.
    const value = screen.getByText(/gpu-inference-workers/).closest('td')!;
    expect(getComputedStyle(value).overflowWrap).toBe('break-word');
  });

  it('lets the stepper scroll inside the form rather than widen the page', async () => {
    await renderInTestApp(
      <ReadableForm>
        <Stepper alternativeLabel>
          {['Cluster', 'Owner', 'Node pools', 'Review'].map(label => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
      </ReadableForm>,
    );
    const stepper = screen
      .getByText('Node pools')
      .closest('[class*="MuiStepper-root"]')!;
    expect(getComputedStyle(stepper).overflowX).toBe('auto');
  });

  it("changes nothing outside template forms (Backstage's table keeps labels on one line)", async () => {
    await renderInTestApp(review);
    const label = screen.getByText(LABEL).closest('td, th')!;
    expect(getComputedStyle(label).whiteSpace).toBe('nowrap');
  });
});
