import {
  discoveryApiRef,
  fetchApiRef,
  type ApiHolder,
} from '@backstage/core-plugin-api';
import { validateClusterName } from './ClusterNameField';
import {
  validateNetworkList,
  type NetworkListUiOptions,
} from './NetworkListField';
import { forgetNewClusterProblems } from './newClusterProblems';
import { nodePoolsSentence } from './nodePoolsSentence';

type Problem = { field: string; message: string };

function backend(answer: Problem[] | 'down') {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => {
    if (answer === 'down') {
      return new Response(
        JSON.stringify({ error: { name: 'Error', message: 'down' } }),
        { status: 503, headers: { 'content-type': 'application/json' } },
      );
    }
    return new Response(JSON.stringify({ problems: answer }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  const apis = new Map<string, unknown>([
    [
      discoveryApiRef.id,
      { getBaseUrl: async () => 'http://backend/api/scaffolder' },
    ],
    [fetchApiRef.id, { fetch }],
  ]);
  const apiHolder: ApiHolder = {
    get: ref => apis.get(ref.id) as never,
  };
  return { fetch, apiHolder };
}

function errors() {
  const messages: string[] = [];
  return { messages, field: { addError: (m: string) => messages.push(m) } };
}

const form = {
  name: 'payments-perf',
  profile: 'onprem-fra-dev',
  owner: 'group:default/team-payments',
  podCidrs: ['10.244.0.0/16'],
};

beforeEach(() => forgetNewClusterProblems());

describe('the new-cluster form asks the scaffolder module before Review', () => {
  it('marks each problem on its own field, with one request for the whole form', async () => {
    const { fetch, apiHolder } = backend([
      {
        field: 'podCidrs',
        message: 'pod CIDR 10.244.0.0/16 overlaps the management network',
      },
      {
        field: 'name',
        message: 'a cluster named "payments-perf" already exists',
      },
    ]);
    const pod = errors();
    const service = errors();
    const name = errors();
    const context = (checks?: NetworkListUiOptions['checks']) => ({
      apiHolder,
      formData: form,
      schema: {},
      uiSchema: { 'ui:options': { checks } },
    });
    await validateNetworkList(
      ['10.244.0.0/16'],
      pod.field as never,
      context('podCidrs'),
    );
    await validateNetworkList(
      [],
      service.field as never,
      context('serviceCidrs'),
    );
    await validateClusterName('payments-perf', name.field as never, context());

    expect(pod.messages).toEqual([
      'Pod CIDR 10.244.0.0/16 overlaps the management network.',
    ]);
    expect(service.messages).toEqual([]);
    expect(name.messages).toEqual([
      'A cluster named "payments-perf" already exists.',
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/scaffolder/capi/validate/new-cluster');
    expect(JSON.parse(String(init?.body))).toEqual(form);
  });

  it('says what a cluster name may hold in words, not as a regular expression, without asking the backend', async () => {
    const { fetch, apiHolder } = backend([]);
    const name = errors();
    await validateClusterName('Payments_Perf', name.field as never, {
      apiHolder,
      formData: { ...form, name: 'Payments_Perf' },
      schema: {},
      uiSchema: {},
    });
    expect(name.messages).toEqual([
      'The cluster name "Payments_Perf" must consist of lower case letters, digits and \'-\', and start and end with a letter or digit.',
    ]);
    expect(name.messages.join()).not.toMatch(/\^\[a-z0-9\]/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('does not block the form when the backend cannot answer (the action checks again)', async () => {
    const { apiHolder } = backend('down');
    const name = errors();
    await validateClusterName('payments-perf', name.field as never, {
      apiHolder,
      formData: form,
      schema: {},
      uiSchema: {},
    });
    expect(name.messages).toEqual([]);
  });
});

describe('node pools on the Review step', () => {
  it('reads as sentences with the sizes titled, not name:general size:medium', () => {
    const text = nodePoolsSentence(
      [
        { name: 'general', size: 'medium', replicas: 3 },
        {
          name: 'gpu',
          size: 'large',
          autoscaling: { min: 1, max: 4 },
          labels: { team: 'ml' },
        },
      ],
      { medium: 'Medium (4 CPU, 16 GiB)' },
    );
    expect(text).toBe(
      'general: 3 machines of size Medium (4 CPU, 16 GiB); gpu: 1 to 4 machines (autoscaled) of size large, labels team=ml',
    );
    expect(text).not.toMatch(/name:|size:/);
    expect(nodePoolsSentence([])).toBeUndefined();
  });
});
