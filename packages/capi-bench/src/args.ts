/**
 * `--flag`, `--key value` and `--key=value` arguments over defaults; the
 * type of each default decides how its value is read.
 */
export function parseArgs<T extends Record<string, string | number | boolean>>(
  argv: string[],
  defaults: T,
): T {
  const result: Record<string, string | number | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new Error(`Unexpected argument "${arg}"`);
    }
    const [key, inline] = arg.slice(2).split('=', 2);
    if (!(key in defaults)) {
      throw new Error(
        `Unknown option --${key}; known: ${Object.keys(defaults)
          .map(k => `--${k}`)
          .join(', ')}`,
      );
    }
    const kind = typeof defaults[key];
    if (kind === 'boolean') {
      result[key] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) {
      throw new Error(`--${key} needs a value`);
    }
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) {
        throw new Error(`--${key} must be a positive number, got "${value}"`);
      }
      result[key] = n;
    } else {
      result[key] = value;
    }
  }
  return result as T;
}
