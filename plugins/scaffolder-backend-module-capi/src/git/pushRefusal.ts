import { NotAllowedError } from '@backstage/errors';

/**
 * How a failed `git push` reads: a race with another writer (retry on the new
 * tip), a permanent refusal by the server (a protected branch, a pre-receive
 * or update hook, missing push rights: retrying cannot help), or neither.
 */
export type PushFailure =
  | { kind: 'race' }
  | { kind: 'refused'; serverMessage: string }
  | { kind: 'other' };

/** The ref moved under us: someone pushed first, or updated it at the same moment. */
const RACE =
  /\((?:fetch first|non-fast-forward)\)|cannot lock ref|failed to update ref|incorrect old value|reference already exists/i;

/**
 * Refusals by policy. The status in brackets is git's own (`[remote rejected]
 * main -> main (pre-receive hook declined)`); the `remote:` lines are the
 * host's (GitHub `GH006: Protected branch update failed`, GitLab `You are not
 * allowed to push code to protected branches`, Bitbucket/Gitea hook output).
 */
const REFUSED =
  /\[remote rejected\][^\n]*\((?:[^)\n]*hook declined|[^)\n]*protected[^)\n]*|permission denied|[^)\n]*denied[^)\n]*)\)|GH006|GH013|branch is currently checked out|protected branch|not allowed to (?:push|force push)|permission to [^\n]+ denied|push declined/i;

const MAX_MESSAGE_LINES = 12;
const MAX_MESSAGE_CHARS = 1500;

/** The server's own words: its `remote:` lines and git's rejected-ref lines. */
function serverLines(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    // eslint-disable-next-line no-control-regex
    .map(line =>
      line
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
        .trim(),
    )
    .filter(line => /^remote:|^!\s*\[/.test(line))
    .map(line => line.replace(/^remote:\s*/, ''))
    .filter(line => line.length > 0);
  const text = lines.slice(0, MAX_MESSAGE_LINES).join('\n');
  return text.length > MAX_MESSAGE_CHARS
    ? `${text.slice(0, MAX_MESSAGE_CHARS)}…`
    : text;
}

/**
 * The error for a permanent refusal: the server's message, and what to do
 * instead. Pushes to a pull request branch get no pull-request hint.
 */
export function refusedPushError(
  branch: string,
  serverMessage: string,
  mode: 'commit' | 'pull-request',
): NotAllowedError {
  const hint =
    mode === 'commit'
      ? 'Direct pushes are not allowed there; publish in pull-request mode instead (the action input mode: pull-request, or capi.gitops.publishMode: pull-request).'
      : 'Ask the repository owners to allow pushes to pull request branches, or configure another pull request branch prefix.';
  return new NotAllowedError(
    `The Git server refused the push to ${branch} (a protected branch or a server hook; retrying will not help). The server said: ${serverMessage}. ${hint}`,
  );
}

/** Classifies the (already redacted) stderr of a failed push. */
export function classifyPushFailure(stderr: string): PushFailure {
  if (REFUSED.test(stderr)) {
    return {
      kind: 'refused',
      serverMessage: serverLines(stderr) || stderr.trim().slice(-500),
    };
  }
  if (RACE.test(stderr)) {
    return { kind: 'race' };
  }
  return { kind: 'other' };
}
