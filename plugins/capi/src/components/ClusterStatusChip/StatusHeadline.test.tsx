import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { StatusHeadline, conditionText } from './StatusHeadline';

// As CAPI v1.14's Cluster controller aggregates a MachineDeployment whose
// machines report node problems.
const workers = {
  type: 'WorkersAvailable',
  status: 'False' as const,
  reason: 'NotAvailable',
  message:
    '* MachineDeployment pay-batch-1:\n' +
    '  * Machine pay-batch-1-88a83-nlzkg: Node is reporting DiskPressure\n' +
    '  * Machine pay-batch-1-88a83-hxwvg: Node is reporting DiskPressure',
};

describe('StatusHeadline', () => {
  it('names the condition behind the headline in words and its message as lines', async () => {
    await renderInTestApp(<StatusHeadline condition={workers} />);
    const note = screen.getByRole('note', { name: 'Status explanation' });
    expect(note).toHaveTextContent('Workers available: False (Not available)');
    expect(
      within(note)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'MachineDeployment pay-batch-1:',
      'Machine pay-batch-1-88a83-nlzkg: Node is reporting DiskPressure',
      'Machine pay-batch-1-88a83-hxwvg: Node is reporting DiskPressure',
    ]);
    expect(note.textContent).not.toMatch(/\*|WorkersAvailable/);
  });

  it('shows an unknown condition in words, its message as lines', async () => {
    await renderInTestApp(
      <StatusHeadline
        condition={{
          type: 'AWSClusterNetworkReady',
          status: 'False',
          reason: 'NatGatewaysFailed',
          message: '* NatGateway nat-1: quota exceeded',
        }}
      />,
    );
    const note = screen.getByRole('note', { name: 'Status explanation' });
    expect(note).toHaveTextContent(
      'AWS cluster network ready is False (Nat gateways failed)',
    );
    expect(note).toHaveTextContent('NatGateway nat-1: quota exceeded');
    expect(note.textContent).not.toContain('*');
  });
});

describe('StatusHeadline of a new cluster', () => {
  const notInitialised = (minutesAgo: number) => ({
    type: 'ControlPlaneInitialized',
    status: 'False' as const,
    reason: 'NotInitialized',
    message: 'Control plane not yet initialized',
    lastTransitionTime: new Date(
      Date.now() - minutesAgo * 60_000,
    ).toISOString(),
  });

  it('reads a first boot as progress, not a failure, within its expected time', async () => {
    await renderInTestApp(
      <StatusHeadline condition={notInitialised(1)} status="Provisioning" />,
    );
    const note = screen.getByRole('note', { name: 'Status explanation' });
    expect(note).toHaveTextContent('The control plane is not initialised yet.');
    expect(note).toHaveAttribute('data-health', 'active');
  });

  it('reads it as a failure once it takes longer than a first boot should', async () => {
    await renderInTestApp(
      <StatusHeadline condition={notInitialised(25)} status="Provisioning" />,
    );
    expect(
      screen.getByRole('note', { name: 'Status explanation' }),
    ).toHaveAttribute('data-health', 'failing');
  });
});

describe('conditionText', () => {
  it('puts the condition and its message on one line for tooltips', () => {
    expect(conditionText(workers)).toBe(
      'Workers available: False (Not available): MachineDeployment pay-batch-1: Machine pay-batch-1-88a83-nlzkg: Node is reporting DiskPressure; Machine pay-batch-1-88a83-hxwvg: Node is reporting DiskPressure',
    );
  });
});
