export type { CapiActionOptions } from '../options';
