import type { ClusterProvider } from '@capstan/plugin-capi-node';
import { awsRenderer } from './aws';
import { azureRenderer } from './azure';
import { dockerRenderer } from './docker';
import type { ClassicProviderRenderer } from './types';
import { vsphereRenderer } from './vsphere';

export type { ClassicProviderRenderer } from './types';

const renderers: Record<ClusterProvider, ClassicProviderRenderer> = {
  vsphere: vsphereRenderer,
  aws: awsRenderer,
  azure: azureRenderer,
  docker: dockerRenderer,
};

export function classicProviderRenderer(
  provider: ClusterProvider,
): ClassicProviderRenderer {
  return renderers[provider];
}
