import { runGit } from './runGit';

describe('runGit output', () => {
  it('keeps multi-byte characters whole when git writes them in pieces', async () => {
    // A shell alias writes "ü" and "🚀" byte by byte, pausing in between, so
    // the pipe delivers the bytes of one character in separate reads.
    const script = [
      "printf 'Z\\303'",
      'sleep 0.2',
      "printf '\\274rich \\360\\237'",
      'sleep 0.2',
      "printf '\\232\\200\\n'",
    ].join('; ');
    const output = await runGit(['-c', `alias.pieces=!${script}`, 'pieces']);
    expect(output).toBe('Zürich 🚀\n');
  });
});
