import { screen, waitFor } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { capiApiRef } from '../../api';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { ProfileTitle, profileTitleAfter } from './ProfileTitle';

describe('ProfileTitle', () => {
  it('names a profile by its title, its name on hover, asking for the profiles once', async () => {
    const api = fakeCapiApi();
    await renderInTestApp(
      <TestApiProvider apis={[[capiApiRef, api]]}>
        <ProfileTitle name="onprem-fra-prod" />
        <ProfileTitle name="aws-eu-west-dev" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('On-prem Frankfurt — production'),
    ).toHaveAttribute('title', 'Profile onprem-fra-prod');
    expect(
      await screen.findByText('AWS eu-west-1 — development'),
    ).toBeInTheDocument();
    expect(api.getProfiles).toHaveBeenCalledTimes(1);
  });

  it('keeps the name of a profile the backend does not offer', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[capiApiRef, fakeCapiApi()]]}>
        <ProfileTitle name="retired-profile" />
        <ProfileTitle name="onprem-fra-prod" />
      </TestApiProvider>,
    );
    // Once the profiles are there, the unknown one still reads as its name.
    await screen.findByText('On-prem Frankfurt — production');
    expect(screen.getByText('retired-profile')).not.toHaveAttribute('title');
  });

  it('keeps the name when the profiles cannot be read, and asks again next time', async () => {
    const api = fakeCapiApi({
      getProfiles: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    const { unmount } = await renderInTestApp(
      <TestApiProvider apis={[[capiApiRef, api]]}>
        <ProfileTitle name="onprem-fra-prod" />
      </TestApiProvider>,
    );
    await waitFor(() => expect(api.getProfiles).toHaveBeenCalledTimes(1));
    expect(screen.getByText('onprem-fra-prod')).toBeInTheDocument();
    unmount();
    await renderInTestApp(
      <TestApiProvider apis={[[capiApiRef, api]]}>
        <ProfileTitle name="onprem-fra-prod" />
      </TestApiProvider>,
    );
    await waitFor(() => expect(api.getProfiles).toHaveBeenCalledTimes(2));
  });
});

describe('profileTitleAfter', () => {
  it('leaves out the words said just before, with the dash after them', () => {
    const mc = 'On-prem Frankfurt (vSphere)';
    expect(profileTitleAfter(`${mc} – Staging`, mc)).toBe('Staging');
    expect(profileTitleAfter(`${mc} — Staging`, mc)).toBe('Staging');
    expect(profileTitleAfter(`${mc}: Staging`, mc)).toBe('Staging');
  });

  it('keeps the whole title when it says something else', () => {
    expect(
      profileTitleAfter('AWS eu-central-1 – Staging', 'On-prem Frankfurt'),
    ).toBe('AWS eu-central-1 – Staging');
    // A longer name that starts alike is another management cluster.
    expect(
      profileTitleAfter('On-prem Frankfurt 2 – Staging', 'On-prem Frankfurt'),
    ).toBe('On-prem Frankfurt 2 – Staging');
    expect(profileTitleAfter('On-prem Frankfurt', 'On-prem Frankfurt')).toBe(
      'On-prem Frankfurt',
    );
    expect(profileTitleAfter('Staging', undefined)).toBe('Staging');
  });
});
