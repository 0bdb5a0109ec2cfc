import {
  parseCidrBlock,
  validateClusterNetwork,
  type CidrBlock,
} from '@capstan/plugin-capi-common';

/** The two network lists of the new-cluster form. */
export type NetworkListName = 'podCidrs' | 'serviceCidrs';

/** Both lists as the form holds them. */
export type NetworkLists = Partial<Record<NetworkListName, string[]>>;

const ORDER: NetworkListName[] = ['podCidrs', 'serviceCidrs'];
const NAMES: Record<NetworkListName, string> = {
  podCidrs: 'pod network',
  serviceCidrs: 'service network',
};
const EXAMPLES: Record<NetworkListName, string> = {
  podCidrs: '192.168.0.0/16',
  serviceCidrs: '10.96.0.0/12',
};

function overlap(a: CidrBlock, b: CidrBlock): boolean {
  // capi-common's check, asked about this one pair.
  return (
    validateClusterNetwork({
      podCidrs: [a.canonical],
      serviceCidrs: [b.canonical],
    }).length > 0
  );
}

/**
 * The problem of each input of one network list, in a sentence, for the input
 * itself: a block that is not one, or one that overlaps (or repeats the IP
 * family of) a block entered before it. A clash between two inputs is told
 * once, on the later input in the form (pod networks come first), naming the
 * earlier one.
 */
export function networkInputProblems(
  list: NetworkListName,
  lists: NetworkLists,
): Map<number, string> {
  const problems = new Map<number, string>();
  const earlier: Array<{
    label: string;
    list: NetworkListName;
    block: CidrBlock;
  }> = [];
  for (const name of ORDER) {
    (lists[name] ?? []).forEach((raw, index) => {
      const value = (raw ?? '').trim();
      if (value === '') return;
      const label = `${NAMES[name]} ${index + 1}`;
      const block = parseCidrBlock(value);
      let problem: string | undefined;
      if (!block) {
        problem = `"${value}" is not a network block; write it like ${EXAMPLES[name]}.`;
      } else {
        const clash = earlier.find(e => overlap(e.block, block));
        const sameFamily = earlier.find(
          e => e.list === name && e.block.family === block.family,
        );
        if (clash) {
          problem = `Overlaps ${clash.label} (${clash.block.canonical}); networks must not share addresses.`;
        } else if (sameFamily) {
          problem = `${capitalized(sameFamily.label)} is already ${
            block.family
          }: a second ${NAMES[name]} must be ${
            block.family === 'IPv4' ? 'IPv6' : 'IPv4'
          } (dual stack).`;
        }
        earlier.push({ label, list: name, block });
      }
      if (problem && name === list) problems.set(index, problem);
    });
  }
  return problems;
}

/** Whether either list has a problem on one of its inputs. */
export function anyNetworkInputProblem(lists: NetworkLists): boolean {
  return ORDER.some(name => networkInputProblems(name, lists).size > 0);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
