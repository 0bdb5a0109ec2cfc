import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';

/** One group the Owner field offers. */
export interface TeamOption {
  ref: string;
  /** What the list shows: the group's title, or its name. */
  label: string;
  /** Whether the signed-in user belongs to it. */
  mine: boolean;
}

/** The group refs among the user's ownership refs (user and group refs). */
export function myGroupRefs(ownershipEntityRefs: string[]): string[] {
  return ownershipEntityRefs.flatMap(ref => {
    try {
      const parsed = parseEntityRef(ref);
      return parsed.kind.toLocaleLowerCase('en-US') === 'group'
        ? [stringifyEntityRef(parsed)]
        : [];
    } catch {
      return [];
    }
  });
}

/**
 * Groups as options: the user's own teams first (so the usual choice is at
 * the top), then every other group, each part sorted by label.
 */
export function teamOptions(groups: Entity[], mine: string[]): TeamOption[] {
  const options = groups.map(group => {
    const ref = stringifyEntityRef(group);
    const title = group.metadata.title;
    return {
      ref,
      label:
        title && title !== group.metadata.name
          ? `${title} (${group.metadata.name})`
          : group.metadata.name,
      mine: mine.includes(ref),
    };
  });
  return options.sort(
    (a, b) =>
      Number(b.mine) - Number(a.mine) || a.label.localeCompare(b.label, 'en'),
  );
}

/**
 * What the Owner field starts with when the form has no owner yet (the
 * template opened from /create rather than from an entity page): the first
 * of the user's groups in the list's order; nothing when the user is in no
 * group.
 */
export function defaultTeam(options: TeamOption[]): string | undefined {
  return options.find(o => o.mine)?.ref;
}
