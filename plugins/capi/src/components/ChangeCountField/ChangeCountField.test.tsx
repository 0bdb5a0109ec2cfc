import { fireEvent, screen } from '@testing-library/react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { forgetDay2Check } from '../ChangePreview/day2Check';
import { fieldProps } from '../../__fixtures__/fieldProps';
import {
  ChangeCountField,
  type ChangeCountUiOptions,
} from './ChangeCountField';

const noBackend = {
  fetch: jest.fn(async () => new Response('', { status: 503 })),
};

function renderField(
  props: Parameters<typeof ChangeCountField>[0],
  fetchApi: { fetch: jest.Mock } = noBackend,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, fetchApi],
        [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend' })],
      ]}
    >
      <ChangeCountField {...props} />
    </TestApiProvider>,
  );
}

describe('ChangeCountField', () => {
  beforeEach(() => forgetDay2Check());

  it('marks the number as the user types, from the same check as the impact', async () => {
    const fetchApi = {
      fetch: jest.fn(
        async () =>
          new Response(
            JSON.stringify({
              problems: [
                {
                  field: 'replicas',
                  message:
                    'node pool "general": replicas 500 exceeds the profile\'s limit of 20',
                },
                { field: 'pool', message: 'not about this input' },
              ],
            }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
      ),
    };
    const props = fieldProps<number, ChangeCountUiOptions>({
      formData: 500,
      schema: { title: 'Machines', type: 'integer' },
      uiOptions: { change: 'capi-scale-node-pool', checks: 'replicas' },
      formContextData: {
        cluster: 'onprem-fra/team-payments/payments-prod',
        pool: 'general',
        scaling: 'fixed',
        replicas: 500,
      },
    });
    await renderField(props, fetchApi);
    expect(
      await screen.findByRole('alert', {}, { timeout: 5000 }),
    ).toHaveTextContent(
      'Node pool "general": replicas 500 exceeds the profile\'s limit of 20.',
    );
    expect(
      screen.getByRole('spinbutton', { name: 'Machines' }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/not about this input/)).not.toBeInTheDocument();
  });

  it('marks its input with the problem, linked to it, once', async () => {
    const props = fieldProps<number, ChangeCountUiOptions>({
      formData: 500,
      schema: { title: 'Machines', type: 'integer' },
      rawErrors: [
        'Node pool "general": replicas 500 exceeds the profile\'s limit of 20.',
      ],
    });
    await renderField(props);
    const input = screen.getByRole('spinbutton', { name: 'Machines' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/replicas 500 exceeds/);
    expect(screen.getAllByText(/replicas 500 exceeds/)).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent(/limit of 20/);
  });

  it('hands the form a number, or nothing when cleared', async () => {
    const props = fieldProps<number, ChangeCountUiOptions>({
      formData: 3,
      schema: { title: 'Minimum', type: 'integer' },
    });
    await renderField(props);
    const input = screen.getByRole('spinbutton', { name: 'Minimum' });
    expect(input).toHaveAttribute('aria-invalid', 'false');
    fireEvent.change(input, { target: { value: '7' } });
    expect(props.onChange).toHaveBeenLastCalledWith(7);
    fireEvent.change(input, { target: { value: '' } });
    expect(props.onChange).toHaveBeenLastCalledWith(undefined);
  });
});
