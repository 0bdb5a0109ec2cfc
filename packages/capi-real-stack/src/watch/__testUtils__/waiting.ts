import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RealCapiStack } from '../../RealCapiStack';

const exec = promisify(execFile);

/** Polls `probe` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${String(last ?? '')}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/** `kubectl get <resource> -o json` on the stack. */
export async function kubectlGet(
  stack: RealCapiStack,
  resource: string,
  namespace?: string,
): Promise<Array<{ metadata: Record<string, any>; [k: string]: any }>> {
  const { stdout } = await exec(
    'kubectl',
    [
      '--kubeconfig',
      stack.info.kubeconfig,
      'get',
      resource,
      ...(namespace ? ['-n', namespace] : ['-A']),
      '-o',
      'json',
    ],
    { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
  );
  return JSON.parse(stdout).items;
}

/** Sorted names of what `kubectl get` lists. */
export async function kubectlNames(
  stack: RealCapiStack,
  resource: string,
  namespace?: string,
): Promise<string[]> {
  return (await kubectlGet(stack, resource, namespace))
    .map(o => String(o.metadata.name))
    .sort();
}
