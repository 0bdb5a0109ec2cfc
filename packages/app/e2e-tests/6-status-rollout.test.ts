import { test, expect, type Page } from '@playwright/test';
import fs from 'fs';
import https from 'https';
import path from 'path';
import { parse } from 'yaml';
import { signIn } from './signIn';
import { screenshotPath } from './screenshots';

declare global {
  interface Window {
    /** Every status the cluster's chip showed, in order. */
    capstanStatuses?: string[];
  }
}

type KubeObject = {
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

/** A request to the Kubernetes API of one of the demo's simulated management clusters. */
function kube(
  managementCluster: string,
  method: string,
  apiPath: string,
  body?: object,
): Promise<any> {
  const file = path.join(
    process.env.CAPSTAN_STATE_DIR!,
    'kubeconfig',
    `${managementCluster}.kubeconfig`,
  );
  const config = parse(fs.readFileSync(file, 'utf8'));
  const { server, 'certificate-authority-data': ca } =
    config.clusters[0].cluster;
  const payload = body ? JSON.stringify(body) : '';
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(apiPath, server),
      {
        method,
        ca: Buffer.from(ca, 'base64'),
        headers: {
          authorization: `Bearer ${config.users[0].user.token}`,
          'content-type': 'application/merge-patch+json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve(text ? JSON.parse(text) : undefined)
            : reject(new Error(`${method} ${apiPath}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const CLUSTERS = '/apis/cluster.x-k8s.io/v1beta2/clusters';

/** A settled topology cluster of team-payments, with its management cluster. */
async function availablePaymentsCluster() {
  for (const mc of ['onprem-fra', 'aws-eu', 'azure-we']) {
    const list = await kube(
      mc,
      'GET',
      `${CLUSTERS}?labelSelector=${encodeURIComponent(
        'capstan.dev/owner=team-payments',
      )}`,
    );
    const cluster = (list.items as KubeObject[]).find(
      c =>
        c.spec?.topology?.workers?.machineDeployments?.length &&
        c.status?.conditions?.every(
          (x: { type: string; status: string }) =>
            !['Available', 'WorkersAvailable', 'WorkerMachinesReady'].includes(
              x.type,
            ) || x.status === 'True',
        ) &&
        !c.status?.conditions?.some(
          (x: { type: string; status: string }) =>
            ['RollingOut', 'ScalingUp'].includes(x.type) && x.status === 'True',
        ),
    );
    if (cluster) return { mc, cluster };
  }
  throw new Error('no settled cluster of team-payments in the demo');
}

/** Signs in, reloading while the demo's backend restarts (it watches the source tree). */
async function openSignedIn(page: Page, url: string) {
  for (let attempt = 1; ; attempt++) {
    await page.goto(url);
    try {
      await signIn(page);
      return;
    } catch (error) {
      if (attempt >= 6) throw error;
      await page.waitForTimeout(10_000);
    }
  }
}

test('a machine size change of a pool shows the cluster rolling out, never Degraded; no upgrade is offered meanwhile, with the reason', async ({
  page,
}) => {
  // Sign-in retries while the demo restarts, then a rollout one machine at a time.
  test.setTimeout(480_000);
  const { mc, cluster: target } = await availablePaymentsCluster();
  const name = target.metadata.name;
  const clusterPath = `/apis/cluster.x-k8s.io/v1beta2/namespaces/${target.metadata.namespace}/clusters/${name}`;
  type Pool = {
    name: string;
    variables?: { overrides?: Array<{ name: string; value: unknown }> };
  };
  const pools = target.spec.topology.workers.machineDeployments as Pool[];
  const pool = pools[0];
  // The reconciler notes each pool's variables first, so that it sees the change below.
  await kube(mc, 'PATCH', clusterPath, {
    metadata: { annotations: { 'e2e.capstan.dev/touched': `${Date.now()}` } },
  });

  // The team's Clusters tab, showing this cluster.
  const id = `${mc}/${target.metadata.namespace}/${name}`;
  await openSignedIn(
    page,
    `/catalog/default/group/team-payments/clusters?cluster=${encodeURIComponent(
      id,
    )}`,
  );
  const chip = page.getByRole('status', {
    name: new RegExp(`^Cluster ${name} status: `),
  });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAccessibleName(`Cluster ${name} status: Available`);
  // Record every status the chip shows from now on, however briefly.
  await page.evaluate(clusterName => {
    window.capstanStatuses = [];
    const record = () => {
      for (const el of document.querySelectorAll('[role="status"]')) {
        const label = el.getAttribute('aria-label') ?? '';
        const prefix = `Cluster ${clusterName} status: `;
        const statuses = window.capstanStatuses!;
        if (
          label.startsWith(prefix) &&
          statuses[statuses.length - 1] !== label.slice(prefix.length)
        ) {
          statuses.push(label.slice(prefix.length));
        }
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-label'],
    });
  }, name);

  // What the machine size change does once Argo CD applies it: another value of the
  // pool's size variable, so CAPI rolls its machines out one by one.
  const overrides = (pool.variables?.overrides ?? []).filter(
    o => o.name !== 'machineSize',
  );
  await kube(mc, 'PATCH', clusterPath, {
    spec: {
      topology: {
        workers: {
          machineDeployments: pools.map(p =>
            p.name === pool.name
              ? {
                  ...p,
                  variables: {
                    overrides: [
                      ...overrides,
                      { name: 'machineSize', value: `e2e-${Date.now()}` },
                    ],
                  },
                }
              : p,
          ),
        },
      },
    },
  });

  const cluster = page.getByRole('region', {
    name: `Cluster ${name}`,
  });
  // Machines are replaced: in progress, explained in plain words.
  await expect(
    page.getByRole('status', {
      name: `Cluster ${name} status: RollingOut`,
    }),
  ).toBeVisible({ timeout: 90_000 });
  await expect(
    page.getByRole('status', {
      name: `Cluster ${name} status: RollingOut`,
    }),
  ).toHaveText('Rolling out');
  await expect(
    cluster.getByRole('note', { name: 'Status explanation' }).first(),
  ).toHaveAttribute('data-health', 'active');
  const upgrade = page.getByRole('region', {
    name: `Upgrade options of ${name}`,
  });
  await expect(upgrade.getByTestId('upgrade-blocked-reason')).toContainText(
    /rollout is in progress \(node pool \S+\)/,
  );
  await expect(upgrade.getByRole('button', { name: /Upgrade to/ })).toHaveCount(
    0,
  );
  await cluster.scrollIntoViewIfNeeded();
  await cluster.screenshot({ path: screenshotPath('status-rolling-out.png') });
  await upgrade.screenshot({
    path: screenshotPath('status-rolling-out-upgrade.png'),
  });

  await expect(
    page.getByRole('status', {
      name: `Cluster ${name} status: Available`,
    }),
  ).toBeVisible({ timeout: 240_000 });
  const seen = await page.evaluate(() => window.capstanStatuses ?? []);
  expect(seen).toContain('RollingOut');
  expect(seen).not.toContain('Degraded');
  // Done: the blocked reason is gone.
  await expect(upgrade.getByText(/rollout is in progress/)).toHaveCount(0);
  await cluster.screenshot({
    path: screenshotPath('status-after-rollout.png'),
  });
});
