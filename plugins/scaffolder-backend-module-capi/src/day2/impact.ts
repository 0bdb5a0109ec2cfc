/**
 * What a day-2 change does to running machines, stated before it is
 * published: machines replaced by a rollout, machines created or deleted,
 * and changes applied in place.
 */
export interface ChangeImpact {
  /** Pools (or the control plane) whose machines a rollout replaces. */
  replaced: MachineChange[];
  /** Machines created, without replacing any. */
  created: MachineChange[];
  /** Machines deleted. */
  deleted: MachineChange[];
  /** Changes applied without replacing machines (replicas, autoscaling bounds, labels). */
  inPlace: Array<{ target: string; change: string }>;
  /** The above in a sentence or two, for logs and task output. */
  summary: string;
}

/** Machines of one part of the cluster that a change replaces, creates or deletes. */
export interface MachineChange {
  target: string;
  machines: number;
  reason: string;
  /**
   * `machines` is an autoscaled pool's upper bound, not a count: Git does
   * not record how many machines the autoscaler runs.
   */
  atMost?: boolean;
}

export function emptyImpact(): ChangeImpact {
  return { replaced: [], created: [], deleted: [], inPlace: [], summary: '' };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Fills in `summary` from the lists. */
export function summarize(impact: ChangeImpact): ChangeImpact {
  const parts: string[] = [];
  const upTo = (atMost: boolean | undefined) => (atMost ? 'up to ' : '');
  const total = (list: MachineChange[]) =>
    upTo(list.some(e => e.atMost)) +
    plural(
      list.reduce((n, e) => n + e.machines, 0),
      'machine',
    );
  if (impact.replaced.length > 0) {
    parts.push(
      `Rollout replaces ${total(impact.replaced)}: ${impact.replaced
        .map(
          e =>
            `${e.target} (${upTo(e.atMost)}${plural(e.machines, 'machine')}, ${
              e.reason
            })`,
        )
        .join('; ')}.`,
    );
  }
  if (impact.created.length > 0) {
    parts.push(
      `Creates ${total(impact.created)}: ${impact.created
        .map(e => `${e.target} (${e.reason})`)
        .join('; ')}.`,
    );
  }
  if (impact.deleted.length > 0) {
    parts.push(
      `Deletes ${total(impact.deleted)}: ${impact.deleted
        .map(e => `${e.target} (${e.reason})`)
        .join('; ')}.`,
    );
  }
  if (impact.inPlace.length > 0) {
    parts.push(
      `Applied without replacing machines: ${impact.inPlace
        .map(e => `${e.target}: ${e.change}`)
        .join('; ')}.`,
    );
  }
  // Said to reassure that a change leaves running machines alone; beside
  // machines that are deleted it would read as nonsense.
  if (impact.replaced.length === 0 && impact.deleted.length === 0) {
    parts.push('No machine is replaced.');
  }
  return { ...impact, summary: parts.join(' ') };
}
