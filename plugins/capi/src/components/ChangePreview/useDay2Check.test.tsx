import type { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider, mockApis } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { forgetDay2Check } from './day2Check';
import { useDay2Check } from './useDay2Check';

const answerOf = (summary: string) =>
  new Response(JSON.stringify({ problems: [], summary }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

const form = (replicas: number) => ({
  formData: {
    cluster: 'onprem-fra/team-payments/payments-prod',
    pool: 'gpu',
    scaling: 'fixed',
    replicas,
  },
});

describe('useDay2Check', () => {
  beforeEach(() => forgetDay2Check());

  it('stays pending from an edit until its answer is in, also in the render between the debounce and the request', async () => {
    let answer: () => void = () => {};
    const fetch = jest.fn(async (_url: unknown, init?: RequestInit) =>
      JSON.parse(String(init?.body ?? '{}')).replicas === 1
        ? answerOf('Nothing changes.')
        : new Promise<Response>(resolve => {
            answer = () => resolve(answerOf('Adds 2 machines.'));
          }),
    );
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider
        apis={[
          [fetchApiRef, { fetch }],
          [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend' })],
        ]}
      >
        {children}
      </TestApiProvider>
    );
    const seen: boolean[] = [];
    const { result, rerender } = renderHook(
      ({ context }) => {
        const check = useDay2Check('capi-scale-node-pool', context);
        seen.push(check.pending);
        return check;
      },
      { wrapper, initialProps: { context: form(1) } },
    );
    await waitFor(() =>
      expect(result.current.value?.summary).toBe('Nothing changes.'),
    );
    expect(result.current.pending).toBe(false);

    seen.length = 0;
    rerender({ context: form(3) });
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(pending => pending)).toBe(true);

    answer();
    await waitFor(() =>
      expect(result.current.value?.summary).toBe('Adds 2 machines.'),
    );
    expect(result.current.pending).toBe(false);
  });
});
