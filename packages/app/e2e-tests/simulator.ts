import { execFileSync } from 'child_process';
import fs from 'fs';
import https from 'https';
import path from 'path';
import { parse } from 'yaml';

interface KubeconfigFile {
  clusters: Array<{
    cluster: { server: string; 'certificate-authority-data': string };
  }>;
  users: Array<{ user: { token: string } }>;
}

/** Talks to the control endpoint of one of the demo's simulated management clusters. */
export async function simulatorControl(
  managementCluster: string,
  action: string,
  body: object = {},
): Promise<unknown> {
  const file = path.join(
    process.env.CAPSTAN_STATE_DIR!,
    'kubeconfig',
    `${managementCluster}.kubeconfig`,
  );
  const kubeconfig = parse(fs.readFileSync(file, 'utf8')) as KubeconfigFile;
  const { server, 'certificate-authority-data': ca } =
    kubeconfig.clusters[0].cluster;
  const token = kubeconfig.users[0].user.token;
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(`/_simulator/${action}`, server),
      {
        method: 'POST',
        ca: Buffer.from(ca, 'base64'),
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve(text ? JSON.parse(text) : undefined)
            : reject(new Error(`${action}: HTTP ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Commits in the demo's GitOps repository, newest first. */
export function gitopsLog(): string[] {
  return execFileSync(
    'git',
    [
      '--git-dir',
      path.join(process.env.CAPSTAN_STATE_DIR!, 'gitops.git'),
      'log',
      '--format=%H %s',
      'main',
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n');
}

/** Cluster folders (`clusters/<mc>/<namespace>/<name>`) on the demo GitOps repository's main branch. */
export function gitopsFolders(): string[] {
  const files = execFileSync(
    'git',
    [
      '--git-dir',
      path.join(process.env.CAPSTAN_STATE_DIR!, 'gitops.git'),
      'ls-tree',
      '-r',
      '--name-only',
      'main',
      '--',
      'clusters/',
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n');
  return [
    ...new Set(
      files
        .map(f => f.split('/'))
        .filter(parts => parts.length === 5)
        .map(parts => parts.slice(0, 4).join('/')),
    ),
  ];
}
