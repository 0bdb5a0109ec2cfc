import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { capiApiRef } from '../../api';
import { ClusterProfilePicker } from './ClusterProfilePicker';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { fieldProps } from '../../__fixtures__/fieldProps';

describe('ClusterProfilePicker', () => {
  it('lists the profiles with what they offer and returns the profile name', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[capiApiRef, fakeCapiApi()]]}>
        <ClusterProfilePicker {...fieldProps<string>({ onChange })} />
      </TestApiProvider>,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: /Cluster profile/ }),
    );
    const option = await screen.findByRole('option', {
      name: /AWS eu-west-1 — development/,
    });
    expect(option).toHaveTextContent('aws · v1.32.1, v1.33.0');
    await userEvent.click(option);
    expect(onChange).toHaveBeenCalledWith('aws-eu-west-dev');
  });

  it('says when profiles cannot be loaded', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            capiApiRef,
            fakeCapiApi({
              getProfiles: jest.fn().mockRejectedValue(new Error('timeout')),
            }),
          ],
        ]}
      >
        <ClusterProfilePicker {...fieldProps<string>({})} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Could not load cluster profiles: timeout'),
    ).toBeInTheDocument();
  });
});
