import { ConfigReader } from '@backstage/config';
import { readClusterProfiles } from '@capstan/plugin-capi-node';
import { exampleCapiConfig } from './exampleConfig';

export const testProfiles = readClusterProfiles(
  new ConfigReader({ capi: exampleCapiConfig }),
);

export function testProfile(name: string) {
  const profile = testProfiles.find(p => p.name === name);
  if (!profile) {
    throw new Error(`no test profile ${name}`);
  }
  return profile;
}
