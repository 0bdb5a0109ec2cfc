import { Link } from '@backstage/core-components';
import type { ClusterWithoutMachines } from '@capstan/plugin-capi-common';
import { CopyableText } from './CopyableText';
import { commitUrlOf, useCommitUrlTemplate } from './commitUrl';

/**
 * A cluster's folder in the GitOps repository: a link to the Git host's
 * page when `capi.gitops.webUrl` is configured, else the path to copy.
 */
export function GitFolder(props: {
  cluster: Pick<ClusterWithoutMachines, 'name' | 'gitopsPath' | 'gitopsUrl'>;
}) {
  const { cluster } = props;
  const label = `Git folder of ${cluster.name}`;
  if (cluster.gitopsUrl) {
    return (
      <Link to={cluster.gitopsUrl} aria-label={label}>
        Git folder
      </Link>
    );
  }
  return <CopyableText text={cluster.gitopsPath} label={label} />;
}

/**
 * A commit of the GitOps repository by its short SHA: a link when
 * `capi.gitops.commitUrl` is configured, else the full SHA to copy.
 */
export function GitCommit(props: { sha: string; what: string }) {
  const { sha, what } = props;
  const url = commitUrlOf(useCommitUrlTemplate(), sha);
  const short = `Commit ${sha.slice(0, 8)}`;
  const label = `commit of ${what}`;
  if (url) {
    return (
      <Link to={url} aria-label={`Commit of ${what}`} title={`Commit ${sha}`}>
        {short}
      </Link>
    );
  }
  return (
    <CopyableText
      text={sha}
      display={short}
      title={`Commit ${sha}`}
      label={label}
    />
  );
}
