import { KubeStatusError } from './status';

/** Where a paged list goes on: the list's resourceVersion and the next key. */
export interface ContinueToken {
  rv: number;
  start: string;
}

export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof token.rv === 'number' && typeof token.start === 'string')
      return token;
  } catch {
    // fall through
  }
  throw new KubeStatusError(
    400,
    'BadRequest',
    'continue key is not valid: incorrect encoded start resourceVersion',
  );
}
