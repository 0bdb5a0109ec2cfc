import { InputError, isError } from '@backstage/errors';
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

const BUILT_IN_RULE_NAMES = Object.values(capiClusterPermissionRules)
  .map(rule => rule.name)
  .join(', ');

function describeError(error: unknown): string {
  if (!isError(error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return isError(cause) ? `${error.message}: ${cause.message}` : error.message;
}

/**
 * Checks the conditions of a decision about clusters before they are used:
 * every condition must be for the `capi-cluster` resource type, name a rule
 * the ruleset knows and carry params that rule accepts. Throws an
 * InputError (HTTP 400) that names the offending condition, so a policy
 * mistake is a clear refusal rather than an internal error.
 *
 * @public
 */
export function assertValidCapiClusterConditions(
  conditions: PermissionCriteria<PermissionCondition>,
  ruleset: PermissionRuleset<
    CapiClusterResource,
    CapiClusterPredicate
  > = builtInRuleset(),
): void {
  const transform = createConditionTransformer<CapiClusterPredicate>(ruleset);
  const visit = (criteria: PermissionCriteria<PermissionCondition>): void => {
    if (typeof criteria !== 'object' || criteria === null) {
      throw new InputError(
        'Permission policy error: a condition about capi clusters is not an object',
      );
    }
    if ('allOf' in criteria || 'anyOf' in criteria) {
      const children = 'allOf' in criteria ? criteria.allOf : criteria.anyOf;
      if (!Array.isArray(children) || children.length === 0) {
        throw new InputError(
          'Permission policy error: allOf/anyOf of capi cluster conditions needs a non-empty list',
        );
      }
      children.forEach(visit);
      return;
    }
    if ('not' in criteria) {
      visit(criteria.not);
      return;
    }
    const { rule, resourceType } = criteria as Partial<PermissionCondition>;
    if (typeof rule !== 'string') {
      throw new InputError(
        'Permission policy error: a capi cluster condition has no rule name',
      );
    }
    if (resourceType !== CAPI_CLUSTER_RESOURCE_TYPE) {
      throw new InputError(
        `Permission policy error: condition ${rule} is for resource type "${resourceType}", but the decision is about ${CAPI_CLUSTER_RESOURCE_TYPE} resources`,
      );
    }
    try {
      ruleset.getRuleByName(rule);
    } catch {
      throw new InputError(
        `Permission policy error: unknown ${CAPI_CLUSTER_RESOURCE_TYPE} rule "${rule}" (built-in rules: ${BUILT_IN_RULE_NAMES})`,
      );
    }
    try {
      transform(criteria as PermissionCondition);
    } catch (error) {
      throw new InputError(
        `Permission policy error: invalid params for ${CAPI_CLUSTER_RESOURCE_TYPE} rule ${rule} (${describeError(
          error,
        )})`,
      );
    }
  };
  visit(conditions);
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
 * the built-in rules are used. Throws an InputError (HTTP 400) for a
 * condition of another resource type, naming an unknown rule or carrying
 * invalid params (see {@link assertValidCapiClusterConditions}).
 *
 * @public
 */
export function createCapiClusterFilter(
  conditions: PermissionCriteria<PermissionCondition>,
  ruleset?: PermissionRuleset<CapiClusterResource, CapiClusterPredicate>,
): CapiClusterPredicate {
  const rules = ruleset ?? builtInRuleset();
  assertValidCapiClusterConditions(conditions, rules);
  const transform = createConditionTransformer<CapiClusterPredicate>(rules);
  return criteriaToCapiClusterPredicate(transform(conditions));
}

/**
 * Applies a policy decision to one cluster locally: ALLOW and DENY as they
 * are, a conditional decision by evaluating its conditions against the
 * cluster with the built-in rules. For code that is not the capi backend
 * (e.g. the scaffolder actions) and so cannot hand the conditions back to
 * it: it evaluates the requested or live cluster itself. A conditional
 * decision for another resource type denies; one whose conditions the
 * built-in rules cannot evaluate throws an InputError.
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
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    assertValidCapiClusterConditions(decision.conditions);
  }
  return createConditionAuthorizer(builtInRuleset())(decision, cluster);
}
