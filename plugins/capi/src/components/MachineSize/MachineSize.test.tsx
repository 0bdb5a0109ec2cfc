import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { MachineSize, machineSizeText } from './MachineSize';

describe('MachineSize', () => {
  it("names a size as the cluster's profile does", async () => {
    await renderInTestApp(
      <MachineSize
        pool={{ size: 'medium', sizeTitle: 'Medium (4 vCPU, 16 GiB)' }}
      />,
    );
    expect(screen.getByText('Medium (4 vCPU, 16 GiB)')).toBeInTheDocument();
    expect(screen.queryByText('medium')).not.toBeInTheDocument();
  });

  it('keeps a size no profile describes as recorded, and says so', async () => {
    await renderInTestApp(<MachineSize pool={{ size: 'xlarge' }} />);
    expect(screen.getByText('xlarge')).toBeInTheDocument();
    expect(screen.getByText('not a profile size')).toBeInTheDocument();
    await userEvent.hover(screen.getByText('xlarge'));
    expect(
      await screen.findByText(/No profile of this cluster describes this size/),
    ).toBeInTheDocument();
  });

  it('folds the size into one line of words', () => {
    expect(
      machineSizeText({ size: 'medium', sizeTitle: 'Medium (4 vCPU, 16 GiB)' }),
    ).toBe('Medium (4 vCPU, 16 GiB)');
    expect(machineSizeText({ size: 'xlarge' })).toBe(
      'xlarge (not a profile size)',
    );
    expect(machineSizeText({})).toBeUndefined();
  });
});
