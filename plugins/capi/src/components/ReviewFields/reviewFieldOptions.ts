import { ChoicesReview } from './ChoicesReview';
import { ClusterReview } from './ClusterReview';
import { MachineSizeReview } from './MachineSizeReview';
import { ProfileReview } from './ProfileReview';

const optionsSchema = (properties: Record<string, string>) => ({
  returnValue: { type: 'string' as const },
  uiOptions: {
    type: 'object' as const,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, description]) => [
        name,
        { type: 'string' as const, description },
      ]),
    ),
  },
});

/** The picked cluster as the picker names it, for the Review step; shows nothing on the form. */
export const clusterReviewOptions = {
  name: 'CapiClusterReview' as const,
  component: ClusterReview,
  schema: optionsSchema({
    clusterField: 'Form field holding the cluster ref (default cluster)',
  }),
};

/** The picked cluster profile by its title, for the Review step; shows nothing on the form. */
export const profileReviewOptions = {
  name: 'CapiProfileReview' as const,
  component: ProfileReview,
  schema: optionsSchema({
    profileField: 'Form field holding the profile name (default profile)',
  }),
};

/** Another field's choices by their titles, or "None", for the Review step; shows nothing on the form. */
export const choicesReviewOptions = {
  name: 'CapiChoicesReview' as const,
  component: ChoicesReview,
  schema: optionsSchema({
    choicesField: 'Form field holding the chosen values (default addons)',
    none: 'What Review says when nothing is chosen (default None)',
  }),
};

/** A picked machine size in words, for the Review step; shows nothing on the form. */
export const machineSizeReviewOptions = {
  name: 'CapiMachineSizeReview' as const,
  component: MachineSizeReview,
  schema: optionsSchema({
    sizeField: 'Where the size name is, dot-separated (default pool.size)',
    clusterField:
      'Form field holding the cluster ref whose profile names it (default cluster)',
  }),
};
