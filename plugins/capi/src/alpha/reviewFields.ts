import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  choicesReviewOptions,
  clusterReviewOptions,
  machineSizeReviewOptions,
  profileReviewOptions,
} from '../fieldExtensions';

// The Review step's fields (cluster, profile, choices in words) for the new frontend system.

export const capiClusterReviewField = FormFieldBlueprint.make({
  name: 'cluster-review',
  params: {
    field: async () =>
      createFormField({
        name: clusterReviewOptions.name,
        component: clusterReviewOptions.component,
      }),
  },
});

export const capiProfileReviewField = FormFieldBlueprint.make({
  name: 'profile-review',
  params: {
    field: async () =>
      createFormField({
        name: profileReviewOptions.name,
        component: profileReviewOptions.component,
      }),
  },
});

export const capiChoicesReviewField = FormFieldBlueprint.make({
  name: 'choices-review',
  params: {
    field: async () =>
      createFormField({
        name: choicesReviewOptions.name,
        component: choicesReviewOptions.component,
      }),
  },
});

export const capiMachineSizeReviewField = FormFieldBlueprint.make({
  name: 'machine-size-review',
  params: {
    field: async () =>
      createFormField({
        name: machineSizeReviewOptions.name,
        component: machineSizeReviewOptions.component,
      }),
  },
});
