/**
 * Names Capstan derives from the cluster and pool names, checked against the
 * rules of CAPI and of each infrastructure provider before anything is
 * written, so a request fails with the derived name and the rule it breaks
 * instead of an admission denial after Argo CD synced it.
 */

/**
 * Providers whose naming rules are known here.
 *
 * @public
 */
export type NamingProvider = 'vsphere' | 'aws' | 'azure' | 'docker';

/**
 * What a request derives names from.
 *
 * @public
 */
export interface DerivedNameInput {
  provider?: NamingProvider;
  mode: 'clusterclass' | 'classic';
  cluster: string;
  pools: ReadonlyArray<{ name: string }>;
  /** Namespace of the Cluster (CAPA prefixes its load balancer name with it). */
  namespace?: string;
  /** vSphere: the profile's endpoint host template, `{cluster}` replaced. */
  vsphereEndpointHostTemplate?: string;
  /** Azure: the profile's resource group; the cluster name when unset. */
  azureResourceGroup?: string;
  /**
   * `pools` checks only the names derived from the pools (adding a pool to a
   * cluster that exists: its own names were checked when it was created).
   */
  only?: 'pools';
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PROVIDER_TITLES: Record<NamingProvider, string> = {
  vsphere: 'vSphere (CAPV)',
  aws: 'AWS (CAPA)',
  azure: 'Azure (CAPZ)',
  docker: 'development provider (CAPD)',
};

/**
 * CAPI's topology controller names generated objects `<cluster>-<5 random>`
 * (its default naming templates); the longest such name is what must fit.
 */
const TOPOLOGY_SUFFIX_LENGTH = 6;

function tooLong(
  who: string,
  what: string,
  name: string,
  max: number,
  why: string,
): string[] {
  return name.length > max
    ? [
        `${who}: ${what} "${name}" is ${name.length} characters long; at most ${max} are allowed (${why})`,
      ]
    : [];
}

/**
 * CAPI itself, for every provider: in classic mode each MachineDeployment
 * `<cluster>-<pool>` is the value of the `cluster.x-k8s.io/deployment-name`
 * label on its Machines, so at most 63 characters (CAPI hashes only the
 * control plane and MachineSet name labels when they are longer; see
 * "Supported Labels" in the Cluster API book).
 */
function capiProblems(input: DerivedNameInput): string[] {
  if (input.mode !== 'classic') {
    return [];
  }
  return input.pools.flatMap(pool =>
    tooLong(
      'Cluster API',
      'MachineDeployment name (cluster name + "-" + pool name)',
      `${input.cluster}-${pool.name}`,
      63,
      'it is the cluster.x-k8s.io/deployment-name label value on every Machine',
    ),
  );
}

/**
 * The infrastructure cluster's name: the cluster name in classic mode, the
 * cluster name plus CAPI's random suffix in ClusterClass mode.
 */
function infrastructureClusterName(input: DerivedNameInput): string {
  return input.mode === 'classic'
    ? input.cluster
    : `${input.cluster}-${'x'.repeat(TOPOLOGY_SUFFIX_LENGTH - 1)}`;
}

/**
 * CAPZ: the AzureCluster webhook (`api/v1beta1/azurecluster_validation.go`,
 * `validateClusterName`) allows at most 44 characters matching
 * `^[a-z0-9][a-z0-9-]{0,42}[a-z0-9]$`, because the name prefixes VM and other
 * resource names. Resource group names follow Azure's resource name rules
 * (learn.microsoft.com, "resource-name-rules"): 1–90 characters of letters,
 * digits, `_`, `-`, `.`, `(`, `)`, not ending in `.`.
 */
function azureProblems(input: DerivedNameInput): string[] {
  const who = PROVIDER_TITLES.azure;
  const problems: string[] = [];
  const infra = infrastructureClusterName(input);
  const what =
    input.mode === 'classic'
      ? 'AzureCluster name (the cluster name)'
      : 'AzureCluster name (cluster name + CAPI\'s 6-character "-xxxxx" suffix)';
  problems.push(
    ...tooLong(
      who,
      what,
      infra,
      44,
      'CAPZ prefixes VM and resource names with it; its webhook refuses longer names',
    ),
  );
  if (input.cluster.length < 2) {
    problems.push(
      `${who}: the cluster name "${input.cluster}" must be at least 2 characters long (CAPZ's AzureCluster name rule)`,
    );
  }
  const group = input.azureResourceGroup ?? input.cluster;
  const groupWhat = input.azureResourceGroup
    ? "resource group (the profile's azure.resourceGroup)"
    : 'resource group (the cluster name)';
  problems.push(
    ...tooLong(who, groupWhat, group, 90, 'Azure resource group limit'),
  );
  if (!/^[-\w.()]+$/.test(group) || group.endsWith('.')) {
    problems.push(
      `${who}: ${groupWhat} "${group}" may hold only letters, digits, '_', '-', '.', '(' and ')' and must not end with '.'`,
    );
  }
  return problems;
}

/**
 * CAPV: the control plane endpoint host Capstan derives from the profile's
 * `vsphere.controlPlaneEndpointHost` (`{cluster}` replaced) is a DNS name, so
 * each dot-separated label is a DNS-1123 label of at most 63 characters and
 * the whole at most 253 (RFC 1123; CAPV's VSphereCluster
 * `spec.controlPlaneEndpoint.host`). VM names are the Machine names, which
 * CAPI keeps to 63 characters (CAPV uses them as guest host names).
 */
function vsphereProblems(input: DerivedNameInput): string[] {
  const template = input.vsphereEndpointHostTemplate;
  if (!template || !template.includes('{cluster}')) {
    return [];
  }
  const who = PROVIDER_TITLES.vsphere;
  const host = template.replace(/\{cluster\}/g, input.cluster);
  const what = `control plane endpoint host "${host}" (vsphere.controlPlaneEndpointHost with the cluster name)`;
  const badLabel = host
    .split('.')
    .find(label => label.length > 63 || !DNS1123_LABEL.test(label));
  if (host.length > 253) {
    return [
      `${who}: ${what} is ${host.length} characters long; a DNS name has at most 253`,
    ];
  }
  if (badLabel !== undefined) {
    return [
      `${who}: ${what} has the label "${badLabel}", which is not a DNS label (at most 63 lower case letters, digits and '-')`,
    ];
  }
  return [];
}

/**
 * CAPD (the development provider): each cluster gets a load balancer
 * container named `<cluster>-lb`, and container names are the nodes' host
 * names, so it must be a DNS-1123 label of at most 63 characters.
 */
function dockerProblems(input: DerivedNameInput): string[] {
  return tooLong(
    PROVIDER_TITLES.docker,
    'load balancer container name (cluster name + "-lb")',
    `${input.cluster}-lb`,
    63,
    'container names are host names, DNS labels of at most 63 characters',
  );
}

/**
 * CAPA: the API server load balancer is named `<namespace>-<cluster>-apiserver`
 * when that fits AWS's 32-character limit for load balancer names, and a hash
 * of it otherwise (`GenerateELBName` in CAPA); an explicit
 * `spec.controlPlaneLoadBalancer.name` must match
 * `^[A-Za-z0-9]([A-Za-z0-9]{0,31}|[-A-Za-z0-9]{0,30}[A-Za-z0-9])$`. Capstan
 * sets no explicit name, so no derived AWS name can be refused; this tells
 * whether the load balancer will carry a readable name.
 *
 * @public
 */
export function awsLoadBalancerName(
  namespace: string,
  cluster: string,
): { name: string; hashed: boolean } {
  const name = `${namespace}-${cluster}-apiserver`.replace(/\./g, '-');
  return { name, hashed: name.length > 32 };
}

/**
 * Problems with the names a request derives, each naming the provider, the
 * derived name and the rule it breaks. Assumes the cluster and pool names
 * themselves passed `validateDnsLabel`.
 *
 * @public
 */
export function derivedNameProblems(input: DerivedNameInput): string[] {
  const problems = capiProblems(input);
  if (input.only === 'pools') {
    return problems;
  }
  switch (input.provider) {
    case 'azure':
      problems.push(...azureProblems(input));
      break;
    case 'vsphere':
      problems.push(...vsphereProblems(input));
      break;
    case 'docker':
      problems.push(...dockerProblems(input));
      break;
    default:
      break;
  }
  return problems;
}
