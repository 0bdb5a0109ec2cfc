export { readClusterProfiles } from './readClusterProfiles';
export { readGitopsConfig, gitopsWebUrl } from './readGitopsConfig';
export { toProfileSummary } from './toProfileSummary';
export type {
  AwsSettings,
  AzureSettings,
  ClusterClassSettings,
  ClusterProfile,
  ClusterProvider,
  DockerSettings,
  GitopsConfig,
  MachineSize,
  VsphereSettings,
} from './types';
