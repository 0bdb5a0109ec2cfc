import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { fieldProps } from '../../__fixtures__/fieldProps';
import { TeamOwnerPicker } from './TeamOwnerPicker';

const group = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'team', children: [] },
});

const groups = [
  group('team-platform', 'Platform'),
  group('team-payments'),
  group('team-search'),
];

function renderPicker(initial: string | undefined, onValue = jest.fn()) {
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <TeamOwnerPicker
        {...fieldProps<string>({
          formData: value,
          onChange: (v: string | undefined) => {
            setValue(v);
            onValue(v);
          },
          schema: { title: 'Owner' },
        })}
      />
    );
  }
  const identity = {
    getBackstageIdentity: async () => ({
      type: 'user' as const,
      userEntityRef: 'user:default/ada',
      ownershipEntityRefs: ['user:default/ada', 'group:default/team-payments'],
    }),
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: groups })],
        [identityApiRef, identity],
      ]}
    >
      <Harness />
    </TestApiProvider>,
  );
}

describe('CapiTeamOwnerPicker', () => {
  it("starts with the user's own team when the form has no owner (opened from /create)", async () => {
    const onValue = jest.fn();
    await renderPicker(undefined, onValue);
    await waitFor(() =>
      expect(onValue).toHaveBeenCalledWith('group:default/team-payments'),
    );
    expect(screen.getByRole('textbox', { name: /Owner/ })).toHaveValue(
      'team-payments',
    );
  });

  it('keeps the owner an entity page filled in', async () => {
    const onValue = jest.fn();
    await renderPicker('group:default/team-platform', onValue);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /Owner/ })).toHaveValue(
        'Platform (team-platform)',
      ),
    );
    expect(onValue).not.toHaveBeenCalled();
  });

  it("lists the user's teams first, then the others", async () => {
    await renderPicker('group:default/team-platform');
    await userEvent.click(screen.getByRole('textbox', { name: /Owner/ }));
    await userEvent.clear(screen.getByRole('textbox', { name: /Owner/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'team-payments',
      'Platform (team-platform)',
      'team-search',
    ]);
    expect(screen.getByText('Your teams')).toBeInTheDocument();
  });
});
