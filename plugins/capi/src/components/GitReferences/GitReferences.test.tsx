import { fireEvent, screen } from '@testing-library/react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { configApiRef } from '@backstage/core-plugin-api';
import type { ReactNode } from 'react';
import { ChangeRequestLinks } from '../ChangeRequests/ChangeRequestLinks';
import { GitFolder } from './GitReferences';

const copied = jest.fn();
jest.mock('react-use/esm/useCopyToClipboard', () => ({
  __esModule: true,
  default: () => [{}, copied],
}));

const SHA = '3f9c2b7a1d4e5f60718293a4b5c6d7e8f9012345';
const request = {
  kind: 'update-pool' as const,
  name: 'payments-prod',
  taskUrl: 'http://localhost:3000/create/tasks/42',
  commitSha: SHA,
};
const cluster = {
  name: 'payments-prod',
  gitopsPath: 'clusters/onprem-fra/team-payments/payments-prod',
};

async function render(node: ReactNode, data: object = {}) {
  await renderInTestApp(
    <TestApiProvider apis={[[configApiRef, mockApis.config({ data })]]}>
      {node}
    </TestApiProvider>,
  );
}

describe('Git folder and commit of a cluster', () => {
  beforeEach(() => copied.mockClear());

  it('links the commit with capi.gitops.commitUrl', async () => {
    await render(<ChangeRequestLinks request={request} />, {
      capi: {
        gitops: { commitUrl: 'https://github.com/acme/clusters/commit/{sha}' },
      },
    });
    const link = screen.getByRole('link', {
      name: /^Commit of the Node pool change of payments-prod/,
    });
    expect(link).toHaveAttribute(
      'href',
      `https://github.com/acme/clusters/commit/${SHA}`,
    );
    expect(link).toHaveTextContent('Commit 3f9c2b7a');
    expect(screen.queryByRole('button', { name: /^Copy/ })).toBeNull();
  });

  it('shows the commit to copy, full SHA in the clipboard, without a commit URL', async () => {
    await render(<ChangeRequestLinks request={request} />);
    expect(screen.queryByRole('link', { name: /^Commit/ })).toBeNull();
    expect(screen.getByText('Commit 3f9c2b7a')).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Copy commit of the Node pool change of payments-prod',
      }),
    );
    expect(copied).toHaveBeenCalledWith(SHA);
  });

  it("links the folder when the backend has the Git host's URL for it", async () => {
    const url =
      'https://github.com/acme/clusters/tree/main/clusters/onprem-fra/team-payments/payments-prod';
    await render(<GitFolder cluster={{ ...cluster, gitopsUrl: url }} />);
    expect(
      screen.getByRole('link', { name: /^Git folder of payments-prod/ }),
    ).toHaveAttribute('href', url);
    expect(screen.queryByRole('button', { name: /^Copy/ })).toBeNull();
  });

  it('shows the folder to copy, breakable only after a "/", without a URL', async () => {
    const { container } = await renderInTestApp(
      <GitFolder cluster={cluster} />,
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(container).toHaveTextContent(cluster.gitopsPath);
    // One break opportunity per separator, none inside a folder name.
    expect(container.querySelectorAll('wbr')).toHaveLength(3);
    fireEvent.click(
      screen.getByRole('button', { name: 'Copy Git folder of payments-prod' }),
    );
    expect(copied).toHaveBeenCalledWith(cluster.gitopsPath);
  });
});
