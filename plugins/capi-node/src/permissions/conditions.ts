import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionExports,
  createConditionTransformer,
  PermissionRule,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { CAPI_CLUSTER_RESOURCE_TYPE } from '@capstan/plugin-capi-common';
import {
  CapiClusterPredicate,
  CapiClusterResource,
  capiClusterPermissionResourceRef,
} from './resource';
import { capiClusterPermissionRules } from './rules';

const exported = createConditionExports({
  resourceRef: capiClusterPermissionResourceRef,
  rules: capiClusterPermissionRules,
});

/**
 * Condition factories for policies, one per cluster permission rule:
 * `capiClusterConditions.isClusterOwner({ claims })` and so on.
 *
 * @public
 */
export const capiClusterConditions = exported.conditions;

/**
 * Wraps cluster conditions into a conditional decision for a cluster
 * permission.
 *
 * @public
 */
export const createCapiClusterConditionalDecision =
  exported.createConditionalDecision;

/** The built-in rules as a ruleset, for code outside the capi backend. */
function builtInRuleset(): PermissionRuleset<
  CapiClusterResource,
  CapiClusterPredicate,
  typeof CAPI_CLUSTER_RESOURCE_TYPE
> {
  const byName = new Map<
    string,
    PermissionRule<
      CapiClusterResource,
      CapiClusterPredicate,
      typeof CAPI_CLUSTER_RESOURCE_TYPE
    >
  >(
    Object.values(capiClusterPermissionRules).map(rule => [
      rule.name,
      rule as PermissionRule<
        CapiClusterResource,
        CapiClusterPredicate,
        typeof CAPI_CLUSTER_RESOURCE_TYPE
      >,
    ]),
  );
  return {
    getRuleByName(name) {
      const rule = byName.get(name);
      if (!rule) {
        throw new Error(`Unknown capi cluster permission rule: ${name}`);
      }
      return rule;
    },
  };
}

/**
 * Combines predicates the way the permission framework combines criteria:
 * `allOf` needs every child, `anyOf` at least one, `not` inverts.
 *
 * @public
 */
export function criteriaToCapiClusterPredicate(
  criteria: PermissionCriteria<CapiClusterPredicate>,
): CapiClusterPredicate {
  if ('allOf' in criteria) {
    const children = criteria.allOf.map(criteriaToCapiClusterPredicate);
    return cluster => children.every(child => child(cluster));
  }
  if ('anyOf' in criteria) {
    const children = criteria.anyOf.map(criteriaToCapiClusterPredicate);
    return cluster => children.some(child => child(cluster));
  }
  if ('not' in criteria) {
    const child = criteriaToCapiClusterPredicate(criteria.not);
    return cluster => !child(cluster);
  }
  return criteria;
}

/**
 * Turns the conditions of a conditional decision into one predicate over
 * clusters, so that a list is filtered in one pass without asking the
 * permission backend per cluster. Pass the capi backend's ruleset (from the
 * permissions registry) to honour rules other modules added; without it
 * the built-in rules are used. Throws for a condition naming an unknown
 * rule or carrying invalid params.
 *
 * @public
 */
export function createCapiClusterFilter(
  conditions: PermissionCriteria<PermissionCondition>,
  ruleset?: PermissionRuleset<CapiClusterResource, CapiClusterPredicate>,
): CapiClusterPredicate {
  const transform = createConditionTransformer<CapiClusterPredicate>(
    ruleset ?? builtInRuleset(),
  );
  return criteriaToCapiClusterPredicate(transform(conditions));
}

/**
 * Applies a policy decision to one cluster locally: ALLOW and DENY as they
 * are, a conditional decision by evaluating its conditions against the
 * cluster with the built-in rules. For code that is not the capi backend
 * (e.g. the scaffolder actions) and so cannot hand the conditions back to
 * it: it evaluates the requested or live cluster itself. A conditional
 * decision for another resource type denies.
 *
 * @public
 */
export function isCapiClusterAllowed(
  decision: PolicyDecision,
  cluster: CapiClusterResource,
): boolean {
  if (
    decision.result === AuthorizeResult.CONDITIONAL &&
    (decision.resourceType !== CAPI_CLUSTER_RESOURCE_TYPE ||
      decision.pluginId !== capiClusterPermissionResourceRef.pluginId)
  ) {
    return false;
  }
  return createConditionAuthorizer(builtInRuleset())(decision, cluster);
}
