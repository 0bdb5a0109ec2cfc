import { FieldSelector, LabelSelector } from '../store/selectors';
import type { ResourceRequest } from './ResourceRequests';

/** The label and field selectors of a list or watch, as one predicate. */
export function filtersOf(r: ResourceRequest) {
  const labels = LabelSelector.parse(r.query.get('labelSelector') ?? undefined);
  const fields = FieldSelector.parse(r.query.get('fieldSelector') ?? undefined);
  return {
    filtered: !!labels || !!fields,
    matches: (e: {
      name: string;
      namespace: string | undefined;
      labels: Record<string, string> | undefined;
    }) =>
      (!labels || labels.matches(e.labels)) &&
      (!fields || fields.matches(e.name, e.namespace)),
  };
}
