import { FieldError, invalid } from './fieldErrors';

/**
 * Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation), with the API
 * server's wording so a refusal reads as the real one does.
 */

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(
  `^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`,
);

/** `validation.IsValidLabelValue`: what CAPI checks for Cluster and MachineDeployment names. */
export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) {
    problems.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return problems;
}

/** `validation.IsDNS1123Subdomain`: the API server's rule for every custom resource's name. */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return problems;
}

/**
 * CAPI's check that a Cluster's or MachineDeployment's name can be a label value (it becomes
 * one on every object it owns). The two webhooks word it alike but for the separator.
 */
export function nameAsLabelValue(
  name: string,
  separator: ' ' | ': ',
): FieldError[] {
  return labelValueProblems(name).map(problem =>
    invalid(
      'metadata.name',
      name,
      `must be a valid label value${separator}${problem}`,
    ),
  );
}
