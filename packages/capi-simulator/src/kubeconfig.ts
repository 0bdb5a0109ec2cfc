import YAML from 'yaml';

/** A kubeconfig with one cluster, user and context, all named after the management cluster. */
export function renderKubeconfig(options: {
  name: string;
  url: string;
  caData: string;
  token: string;
}): string {
  const { name, url, caData, token } = options;
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: url,
          'certificate-authority-data': Buffer.from(caData).toString('base64'),
        },
      },
    ],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
    'current-context': name,
    preferences: {},
  });
}
