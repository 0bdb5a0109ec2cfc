/** Abbreviations written in capitals wherever they appear in a name. */
const ACRONYMS = new Set([
  'api',
  'cidr',
  'cni',
  'cpu',
  'csi',
  'dns',
  'gpu',
  'http',
  'https',
  'id',
  'ip',
  'ntp',
  'os',
  'tls',
  'url',
  'vm',
]);

/**
 * A camelCase or PascalCase name in words, for people: `kubeProxyMode` →
 * "Kube proxy mode", `apiServerCIDR` → "API server CIDR",
 * `ControlPlaneMachinesUpToDate` → "Control plane machines up to date",
 * `etcd_encryption` → "Etcd encryption".
 *
 * @public
 */
export function wordsOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map(word => {
      const lower = word.toLocaleLowerCase('en-US');
      if (ACRONYMS.has(lower)) return lower.toLocaleUpperCase('en-US');
      return word === word.toLocaleUpperCase('en-US') && word.length > 1
        ? word
        : lower;
    });
  if (words.length === 0) return name;
  const [first, ...rest] = words;
  return [
    first.charAt(0).toLocaleUpperCase('en-US') + first.slice(1),
    ...rest,
  ].join(' ');
}
