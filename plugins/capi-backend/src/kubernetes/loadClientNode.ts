/**
 * `@kubernetes/client-node` is ESM-only; the backend is CommonJS, so the
 * runtime is loaded with a dynamic import. Tests replace this module (see
 * src/setupTests.ts) because jest cannot run dynamic ESM imports without
 * `--experimental-vm-modules`.
 */
export async function loadClientNode(): Promise<
  typeof import('@kubernetes/client-node')
> {
  return await import('@kubernetes/client-node');
}
