/**
 * A machine size as a cluster profile defines it: what the size's name
 * stands for.
 *
 * @public
 */
export interface MachineSizeDescription {
  name: string;
  title?: string;
  cpu?: number;
  memoryMiB?: number;
}

function gibibytes(mebibytes: number): string {
  const gib = mebibytes / 1024;
  return Number.isInteger(gib) ? String(gib) : gib.toFixed(1);
}

/**
 * A size in words: the profile's title ("Medium (4 vCPU, 16 GiB)"), else
 * its name with the shape the profile gives ("Medium (4 vCPU, 16 GiB)").
 *
 * @public
 */
export function machineSizeTitle(size: MachineSizeDescription): string {
  if (size.title) return size.title;
  if (!size.cpu || !size.memoryMiB) return size.name;
  const name = size.name.charAt(0).toUpperCase() + size.name.slice(1);
  return `${name} (${size.cpu} vCPU, ${gibibytes(size.memoryMiB)} GiB)`;
}

/**
 * A size name in words for sentences (task log, impact, change requests):
 * its title when the profile defines it, else the recorded name, quoted and
 * marked as not described, so a reader never takes it for a profile's size.
 *
 * @public
 */
export function machineSizeInWords(
  name: string,
  sizes: readonly MachineSizeDescription[] | undefined,
): string {
  const size = sizes?.find(s => s.name === name);
  return size
    ? machineSizeTitle(size)
    : `"${name}" (a size no profile describes)`;
}
