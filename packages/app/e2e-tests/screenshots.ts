import path from 'path';

/**
 * Where a test saves a screenshot. Test runs write to test-results/screenshots/
 * (ignored by Git), so running the tests never changes tracked files;
 * `yarn screenshots` (CAPSTAN_UPDATE_SCREENSHOTS=1) refreshes the pictures
 * the README shows, in docs/screenshots/.
 */
export function screenshotPath(name: string): string {
  const folder =
    process.env.CAPSTAN_UPDATE_SCREENSHOTS === '1'
      ? 'docs/screenshots'
      : 'test-results/screenshots';
  return path.join(folder, name);
}
